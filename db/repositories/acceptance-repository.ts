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

/** The project's acceptances decided on a site day's instants (for the daily sheet). */
export async function acceptancesBetween(
  db: Knex,
  projectId: string,
  fromInstant: string,
  toInstant: string,
): Promise<Acceptance[]> {
  const rows = (await db('acceptances')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .where('signed_at', '>=', fromInstant)
    .where('signed_at', '<', toInstant)
    .orderBy('signed_at')) as AcceptanceRow[];
  return rows.map(toAcceptance);
}
