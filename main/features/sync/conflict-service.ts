// The conflict ledger: what the server found overwritten concurrently, and a manager's choice of
// which value stands. The choice is itself a synced change, so every laptop sees it.
import type { Knex } from 'knex';
import { readTableInfo } from '../../../db/repositories/sync-repository';
import type { SyncedTable } from '../../../db/repositories/synced-writer';
import {
  conflictRows,
  findConflict,
  keptAsideRows,
  rejectedRows,
  rowLabel,
} from '../../../db/repositories/conflict-repository';
import type { Conflict } from '../../domain/conflicts';
import type { KeptAsideView, RejectedChangeView } from '../../domain/sync-status';
import { AppError } from '../../domain/errors';
import { isManager } from '../../domain/roles';
import { decodeHlc } from '../../domain/hlc';
import type { Store } from '../../sync/store';
import { parseJsonCell } from '../../domain/sync-check';

const time = (hlc: string) => {
  const ts = decodeHlc(hlc);
  return ts ? new Date(ts.millis).toISOString() : hlc;
};
const parse = (text: string | null): unknown => parseJsonCell<unknown>(text, text);

export async function listConflicts(db: Knex, projectId: string): Promise<Conflict[]> {
  const rows = await conflictRows(db, projectId);
  const out: Conflict[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      table: r.target_tbl,
      rowId: r.target_row,
      column: r.target_col,
      rowLabel: await rowLabel(db, r.target_tbl, r.target_row),
      kept: { value: parse(r.kept_value), by: r.kept_by, at: time(r.kept_hlc) },
      lost: { value: parse(r.lost_value), by: r.lost_by, at: time(r.lost_hlc) },
      detectedAt: r.detected_at,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by,
      resolution: r.resolution,
    });
  }
  return out.sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
}

/** A manager keeps one of the two values; keeping the lost one writes it back as a new change. */
export async function resolveConflict(
  store: Store,
  input: { conflictId: string; keep: 'kept' | 'lost' },
): Promise<void> {
  // The writer refuses the manager's columns too; asking first gives the clearer refusal.
  if (!isManager(store.identity.role))
    throw new AppError('auth.forbidden', { role: store.identity.role });
  const row = await findConflict(store.db, input.conflictId);
  if (!row) throw new AppError('not_found', { entity: 'conflict', id: input.conflictId });
  const info = await readTableInfo(store.db);
  const table = row.target_tbl;
  if (!info.get(table)?.columns.has(row.target_col))
    throw new AppError('not_found', { entity: 'conflict', id: input.conflictId });
  await store.write(async (w) => {
    if (input.keep === 'lost') {
      await w.update(table as SyncedTable, row.target_row, {
        [row.target_col]: parse(row.lost_value) as string | number | null,
      });
    }
    await w.update('conflicts', input.conflictId, {
      resolved_at: w.at,
      resolved_by: store.identity.userName || store.identity.userId,
      resolution: input.keep,
    });
  });
}

/** The changes the server refused (role, project or shape), newest first, with the reason. */
export async function listRejected(db: Knex): Promise<RejectedChangeView[]> {
  const rows = await rejectedRows(db);
  return rows.map((r: Record<string, unknown>) => ({
    opId: Number(r.op_id),
    table: r.tbl as string,
    rowId: r.row_id as string,
    column: r.col as string,
    value: parse(r.value as string | null),
    code: r.code as string,
    reason: r.reason as string,
    rejectedAt: r.rejected_at as string,
  }));
}

/** What this laptop keeps aside of what it pulled, newest first: why, and who wrote it. */
export async function listKeptAside(db: Knex): Promise<KeptAsideView[]> {
  return (await keptAsideRows(db)).map((r) => ({
    table: r.tbl as string,
    rowId: r.row_id as string,
    column: r.col as string,
    value: parse(r.value as string | null),
    reason: r.reason as KeptAsideView['reason'],
    detail: (r.detail as string | null) ?? null,
    author: (r.name as string | null) ?? null,
    writtenAt: time(r.hlc as string),
  }));
}
