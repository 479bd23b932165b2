// Sign-off of the daily sheet: an engineer submits the day, a manager approves it. An approved
// revision is locked: its stored sheet never changes, and a change to the day's data afterwards
// is submitted as a new, numbered revision while the approved one stays.
import type { Knex } from 'knex';
import type { DailySheet, SheetRevision, SheetState } from '../../domain/daily-sheet';
import { AppError } from '../../domain/errors';
import {
  findRevision,
  listRevisions,
  type RevisionRow,
} from '../../../db/repositories/sheet-revision-repository';
import { isManager } from '../../domain/roles';
import { assembleDailySheet } from './daily-sheet-service';
import type { Store } from '../../sync/store';
import { parseJsonCell } from '../../domain/sync-check';
import { sheetChangedSince } from '../../domain/sheet-changes';

/** A revision as the screen shows it, without the stored sheet. */
const withoutSheet = ({ sheet: _, ...revision }: RevisionRow): SheetRevision => revision;

export async function sheetState(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<SheetState> {
  const all = await listRevisions(db, projectId, siteDay);
  const latest = all[all.length - 1];
  const current = await assembleDailySheet(db, projectId, siteDay);
  const approved = [...all].reverse().find((r) => r.status === 'approved');
  return {
    revisions: all.map(withoutSheet),
    approved: approved ? withoutSheet(approved) : null,
    changed: latest ? sheetChangedSince(latest.sheet, current) : true,
  };
}

/** The sheet exactly as a revision stored it. */
export async function revisionSheet(
  db: Knex,
  projectId: string,
  siteDay: string,
  revision: number,
): Promise<DailySheet> {
  const row = await findRevision(db, projectId, siteDay, revision);
  if (!row) throw new AppError('not_found', { entity: 'revision', id: `${siteDay} #${revision}` });
  // One bad stored snapshot (from an older server that took it) never breaks the sheet screen.
  const sheet = parseJsonCell<DailySheet | null>(row.sheet, null);
  if (!sheet || typeof sheet !== 'object')
    throw new AppError('not_found', { entity: 'revision', id: `${siteDay} #${revision}` });
  return { ...sheet, revision, approvedBy: row.approvedBy, approvedAt: row.approvedAt };
}

export async function submitSheet(
  store: Store,
  input: { projectId: string; siteDay: string },
): Promise<SheetState> {
  const sheet = JSON.stringify(await assembleDailySheet(store.db, input.projectId, input.siteDay));
  await store.write(async (w) => {
    const all = await listRevisions(w.trx, input.projectId, input.siteDay);
    const latest = all[all.length - 1];
    const by = store.identity.userName || store.identity.userId;
    if (latest && latest.status === 'submitted') {
      await w.update('sheet_revisions', latest.id, { sheet, submitted_by: by, submitted_at: w.at });
    } else if (!latest || latest.sheet !== sheet) {
      // One revision per day and number: two laptops submitting the same number offline make one
      // row, and the server's ledger keeps the other's sheet.
      await w.upsert(
        'sheet_revisions',
        {
          project_id: input.projectId,
          site_day: input.siteDay,
          revision: (latest ? latest.revision : 0) + 1,
        },
        {
          status: 'submitted',
          sheet,
          submitted_by: by,
          submitted_at: w.at,
          approved_by: null,
          approved_at: null,
        },
      );
    }
  });
  return sheetState(store.db, input.projectId, input.siteDay);
}

export async function approveSheet(
  store: Store,
  input: { projectId: string; siteDay: string },
): Promise<SheetState> {
  // The writer refuses the manager's columns too; asking first gives the clearer refusal.
  if (!isManager(store.identity.role))
    throw new AppError('auth.forbidden', { role: store.identity.role });
  await store.write(async (w) => {
    const all = await listRevisions(w.trx, input.projectId, input.siteDay);
    const latest = all[all.length - 1];
    if (!latest || latest.status !== 'submitted')
      throw new AppError('sheet.nothing_to_approve', { siteDay: input.siteDay });
    await w.update('sheet_revisions', latest.id, {
      status: 'approved',
      approved_by: store.identity.userName || store.identity.userId,
      approved_at: w.at,
    });
  });
  return sheetState(store.db, input.projectId, input.siteDay);
}
