// The conflict ledger and the changes the server refused, as this laptop holds them.
import type { Knex } from 'knex';
import { SYNCED_TABLES } from './synced-writer';

export interface ConflictRow {
  id: string;
  target_tbl: string;
  target_row: string;
  target_col: string;
  kept_value: string | null;
  kept_by: string;
  kept_hlc: string;
  lost_value: string | null;
  lost_by: string;
  lost_hlc: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: 'kept' | 'lost' | null;
}

/** A short name for the row a conflict is about: a panel's stage event, a code, a day or a name. */
export async function rowLabel(db: Knex, table: string, rowId: string): Promise<string | null> {
  if (!(SYNCED_TABLES as readonly string[]).includes(table)) return null;
  const row = await db(table).where({ id: rowId }).first();
  if (!row) return null;
  if (table === 'panel_stage_events') {
    const panel = await db('panels').where({ id: row.panel_id }).first('code');
    return `${panel?.code ?? '?'} · ${row.stage} · ${row.site_day}`;
  }
  return (
    (row.code as string | undefined) ??
    (row.site_day as string | undefined) ??
    (row.name_zh as string | undefined) ??
    null
  );
}

/** The project's latest 500 conflicts, most recently resolved or detected first. */
export async function conflictRows(db: Knex, projectId: string): Promise<ConflictRow[]> {
  return db('conflicts')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy([
      { column: 'resolved_at', order: 'desc' },
      { column: 'detected_at', order: 'desc' },
    ])
    .limit(500);
}

export async function findConflict(db: Knex, conflictId: string): Promise<ConflictRow | null> {
  return (await db('conflicts').where({ id: conflictId }).whereNull('deleted_at').first()) ?? null;
}

/** The latest 500 changes the server refused, newest first. */
export async function rejectedRows(db: Knex): Promise<Record<string, unknown>[]> {
  return db('sync_rejected').orderBy('op_id', 'desc').limit(500);
}

/** The latest 500 pulled cells kept aside, newest first, with their author's name from the server. */
export async function keptAsideRows(db: Knex): Promise<Record<string, unknown>[]> {
  return db('sync_pending as p')
    .leftJoin('authors as a', 'a.user_id', 'p.user_id')
    .orderBy('p.hlc', 'desc')
    .limit(500)
    .select('p.tbl', 'p.row_id', 'p.col', 'p.value', 'p.hlc', 'p.reason', 'p.detail', 'a.name');
}
