// Reads of the supervisor's acceptances (监理验收): a panel's, in the order they were decided.
import type { Knex } from 'knex';
import type { Acceptance, Decision, HoldPoint } from '../../main/domain/acceptances';

interface AcceptanceRow {
  id: string;
  panel_id: string;
  point: string;
  attempt: number;
  decision: string;
  remark: string | null;
  signed_by: string;
  signer_name: string;
  signed_at: string;
}

const toAcceptance = (r: AcceptanceRow): Acceptance => ({
  id: r.id,
  panelId: r.panel_id,
  point: r.point as HoldPoint,
  attempt: Number(r.attempt),
  decision: r.decision as Decision,
  remark: r.remark,
  signedBy: r.signed_by,
  signerName: r.signer_name,
  signedAt: r.signed_at,
});

export async function listAcceptances(
  db: Knex | Knex.Transaction,
  panelIds: readonly string[],
): Promise<Acceptance[]> {
  if (!panelIds.length) return [];
  const rows = (await db('acceptances')
    .whereIn('panel_id', panelIds)
    .whereNull('deleted_at')
    .orderBy([
      { column: 'signed_at' },
      { column: 'point' },
      { column: 'attempt' },
    ])) as AcceptanceRow[];
  return rows.map(toAcceptance);
}

/**
 * The project's decisions signed between two instants (ISO, UTC), with their panel's code, oldest
 * first: the daily sheet asks for the UTC days around its site day and keeps the site day's own.
 */
export async function acceptancesSignedBetween(
  db: Knex,
  projectId: string,
  fromInstant: string,
  toInstant: string,
): Promise<(Omit<Acceptance, 'id' | 'panelId' | 'signedBy'> & { panelCode: string })[]> {
  const rows = (await db('acceptances as a')
    .join('panels as p', 'p.id', 'a.panel_id')
    .where({ 'a.project_id': projectId })
    .whereNull('a.deleted_at')
    .where('a.signed_at', '>=', fromInstant)
    .where('a.signed_at', '<', toInstant)
    .orderBy('a.signed_at')
    .select(
      'p.code as panelCode',
      'a.point',
      'a.attempt',
      'a.decision',
      'a.remark',
      'a.signer_name as signerName',
      'a.signed_at as signedAt',
    )) as (Omit<Acceptance, 'id' | 'panelId' | 'signedBy'> & { panelCode: string })[];
  return rows.map((r) => ({ ...r, attempt: Number(r.attempt) }));
}
