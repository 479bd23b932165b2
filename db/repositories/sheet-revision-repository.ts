// The submitted and approved revisions of a day's sheet.
import type { Knex } from 'knex';
import type { SheetRevision } from '../../main/domain/daily-sheet';

export interface RevisionRow extends SheetRevision {
  /** The sheet as it was submitted, JSON. */
  sheet: string;
}

const toRevision = (r: Record<string, unknown>): RevisionRow => ({
  id: r.id as string,
  revision: Number(r.revision),
  status: r.status as SheetRevision['status'],
  submittedBy: r.submitted_by as string,
  submittedAt: r.submitted_at as string,
  approvedBy: (r.approved_by as string | null) ?? null,
  approvedAt: (r.approved_at as string | null) ?? null,
  sheet: r.sheet as string,
});

/** A day's revisions, oldest first. */
export async function listRevisions(
  db: Knex | Knex.Transaction,
  projectId: string,
  siteDay: string,
): Promise<RevisionRow[]> {
  const rows = await db('sheet_revisions')
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .orderBy('revision');
  return rows.map(toRevision);
}

export async function findRevision(
  db: Knex,
  projectId: string,
  siteDay: string,
  revision: number,
): Promise<RevisionRow | null> {
  const row = await db('sheet_revisions')
    .where({ project_id: projectId, site_day: siteDay, revision })
    .whereNull('deleted_at')
    .first();
  return row ? toRevision(row) : null;
}
