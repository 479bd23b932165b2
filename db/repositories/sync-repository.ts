// SQL for sync on the laptop: the outbox, the schema's synced columns, settings and the cursor,
// re-sending cells, and re-stamping. Applying remote cells is in remote-apply.ts.
import type { Knex } from 'knex';
import type { CellValue, Change, RejectedChange } from '../../main/domain/sync-protocol';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from './synced-writer';
import type { Cell } from './merge-moves';

type Db = Knex | Knex.Transaction;

export interface TableInfo {
  columns: Set<string>;
  /** NOT NULL columns without a default: a row cannot exist until all of them have arrived. */
  required: string[];
}

/** Column facts of the synced tables, read from the schema this app version has. */
export async function readTableInfo(db: Db): Promise<Map<string, TableInfo>> {
  const info = new Map<string, TableInfo>();
  for (const table of SYNCED_TABLES) {
    const cols: { name: string; notnull: number; dflt_value: unknown; pk: number }[] = await db.raw(
      `PRAGMA table_info(${table})`,
    );
    info.set(table, {
      columns: new Set(cols.map((c) => c.name)),
      required: cols.filter((c) => c.notnull && c.dflt_value === null && !c.pk).map((c) => c.name),
    });
  }
  return info;
}

export interface OutboxRow {
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
  base_hlc: string | null;
  replay: number;
}

/**
 * Where an outbox row's project is found: a project row is its own; every other synced row names
 * its project in project_id. Only the project being synced is pushed: another project's changes
 * wait on this laptop until that project is published.
 */
function ofProject(projectId: string) {
  const tables = SYNCED_TABLES.filter((t) => t !== 'projects' && !LOCAL_ONLY_TABLES.has(t));
  // One primary-key lookup in the row's own table, chosen by its name.
  const owned = tables
    .map(
      (t) =>
        `(o.tbl = '${t}' AND EXISTS (SELECT 1 FROM ${t} r WHERE r.id = o.row_id AND r.project_id = ?))`,
    )
    .join(' OR ');
  return (q: Knex.QueryBuilder) =>
    q.whereRaw(`((o.tbl = 'projects' AND o.row_id = ?) OR ${owned})`, [
      projectId,
      ...tables.map(() => projectId),
    ]);
}

/**
 * The oldest outbox changes of a project, about `limit` of them, never splitting one row's run
 * of changes between two batches: the server learns a new row's project from its project_id cell,
 * which must travel with the row's other cells.
 */
export async function readOutbox(
  db: Db,
  limit: number,
  projectId: string,
  after = 0,
): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = await db('outbox as o')
    .where(ofProject(projectId))
    .where('o.seq', '>', after)
    .orderBy('o.seq')
    .limit(limit + 100)
    .select('o.seq', 'o.hlc', 'o.tbl', 'o.row_id', 'o.col', 'o.value', 'o.base_hlc', 'o.replay');
  if (rows.length <= limit) return rows;
  let end = limit;
  const last = rows[limit - 1]!;
  while (end < rows.length && rows[end]!.tbl === last.tbl && rows[end]!.row_id === last.row_id)
    end += 1;
  return rows.slice(0, end);
}

/** Changes waiting to be pushed: the synced project's, or every project's when none is. */
export async function countOutbox(db: Db, projectId?: string | null): Promise<number> {
  const query = db('outbox as o');
  if (projectId) query.where(ofProject(projectId));
  return Number((await query.count({ n: '*' }))[0]!.n);
}

export function toChange(row: OutboxRow): Change {
  return {
    op_id: Number(row.seq),
    hlc: row.hlc,
    tbl: row.tbl,
    row_id: row.row_id,
    col: row.col,
    value: row.value === null ? null : (JSON.parse(row.value) as CellValue),
    base_hlc: row.base_hlc,
    ...(row.replay ? { replay: true } : {}),
  };
}

/** Removes acknowledged changes; refused ones move to sync_rejected so a person can see them. */
export async function settlePush(
  db: Db,
  acked: number[],
  rejected: RejectedChange[],
  at: string,
): Promise<void> {
  if (rejected.length) {
    const rows: OutboxRow[] = await db('outbox').whereIn(
      'seq',
      rejected.map((r) => r.op_id),
    );
    const reasons = new Map(rejected.map((r) => [r.op_id, r]));
    await db('sync_rejected')
      .insert(
        rows.map((r) => ({
          op_id: r.seq,
          tbl: r.tbl,
          row_id: r.row_id,
          col: r.col,
          value: r.value,
          hlc: r.hlc,
          code: reasons.get(Number(r.seq))!.code,
          reason: reasons.get(Number(r.seq))!.reason,
          rejected_at: at,
        })),
      )
      .onConflict('op_id')
      .ignore();
  }
  // A column the server does not know yet (a newer app than the server) stays queued and listed:
  // it goes again at the next sync, and lands once the server is upgraded.
  const done = [
    ...acked,
    ...rejected.filter((r) => r.code !== 'sync.unknown_column').map((r) => r.op_id),
  ];
  for (let i = 0; i < done.length; i += 500)
    await db('outbox')
      .whereIn('seq', done.slice(i, i + 500))
      .delete();
  for (let i = 0; i < acked.length; i += 500)
    await db('sync_rejected')
      .whereIn('op_id', acked.slice(i, i + 500))
      .delete();
}

/** Drops outbox rows of tables that never leave the laptop (written before that rule existed). */
export async function dropLocalOnlyOutbox(db: Db): Promise<void> {
  await db('outbox')
    .whereIn('tbl', [...LOCAL_ONLY_TABLES])
    .delete();
}

export async function countKeptAside(db: Db): Promise<number> {
  return Number((await db('sync_pending').count({ n: '*' }))[0]!.n);
}

/**
 * Every live cell of a project that this laptop holds, as changes to send: used to publish a
 * project to a server for the first time, and to re-send what a restored server lost.
 */
export async function projectCells(
  db: Db,
  projectId: string,
  info: Map<string, TableInfo>,
): Promise<{ tbl: string; row: Record<string, unknown> }[]> {
  const out: { tbl: string; row: Record<string, unknown> }[] = [];
  for (const table of SYNCED_TABLES) {
    if (
      LOCAL_ONLY_TABLES.has(table) ||
      !info.get(table)?.columns.has(table === 'projects' ? 'id' : 'project_id')
    )
      continue;
    const rows: Record<string, unknown>[] = await db(table).where(
      table === 'projects' ? { id: projectId } : { project_id: projectId },
    );
    for (const row of rows) out.push({ tbl: table, row });
  }
  return out;
}

/** Queues cells to be sent again as they stand (same stamps), marked as replays. */
export async function enqueueReplay(
  trx: Knex.Transaction,
  /** Each sent as a replay, or (with `seen`) as an edit that saw that version. */
  cells: Cell[],
  at: string,
): Promise<number> {
  for (let i = 0; i < cells.length; i += 400) {
    await trx('outbox').insert(
      cells.slice(i, i + 400).map((c) => ({
        hlc: c.hlc,
        tbl: c.tbl,
        row_id: c.row_id,
        col: c.col,
        value: JSON.stringify(c.value ?? null),
        base_hlc: c.seen ?? null,
        created_at: at,
        replay: c.seen === undefined ? 1 : 0,
      })),
    );
  }
  return cells.length;
}

/** The cells whose current version this laptop wrote (its node id ends the stamp). */
export async function ownCells(
  db: Db,
  nodeId: string,
): Promise<{ tbl: string; row_id: string; col: string; hlc: string }[]> {
  return db('cell_versions')
    .where('hlc', 'like', `%-${nodeId}`)
    .select('tbl', 'row_id', 'col', 'hlc');
}

export async function readCellValue(
  db: Db,
  tbl: string,
  rowId: string,
  col: string,
): Promise<{ found: boolean; value: unknown }> {
  const row = await db(tbl).where({ id: rowId }).first(col);
  return row ? { found: true, value: row[col] } : { found: false, value: null };
}

/** Gives outbox changes stamped by a far-ahead clock new stamps, keeping the cell versions in step. */
export async function restampOutbox(
  trx: Knex.Transaction,
  isFuture: (hlc: string) => boolean,
  stamp: () => string,
): Promise<number> {
  const rows: { seq: number; hlc: string; tbl: string; row_id: string; col: string }[] = await trx(
    'outbox',
  )
    .orderBy('seq')
    .select('seq', 'hlc', 'tbl', 'row_id', 'col');
  let count = 0;
  for (const row of rows) {
    if (!isFuture(row.hlc)) continue;
    const next = stamp();
    await trx('outbox').where({ seq: row.seq }).update({ hlc: next });
    await trx('cell_versions')
      .where({ tbl: row.tbl, row_id: row.row_id, col: row.col, hlc: row.hlc })
      .update({ hlc: next });
    count += 1;
  }
  return count;
}

/**
 * Every live cell of a project with its version: its own, else its row's, else `stamp` (a cell
 * that never had one). What publishing a project sends.
 */
export async function projectCellsWithVersions(
  db: Db,
  projectId: string,
  info: Map<string, TableInfo>,
  stamp: string,
): Promise<{ tbl: string; row_id: string; col: string; value: unknown; hlc: string }[]> {
  const versions = new Map<string, string>();
  for (const v of await db('cell_versions').select('tbl', 'row_id', 'col', 'hlc'))
    versions.set(`${v.tbl}\u0000${v.row_id}\u0000${v.col}`, v.hlc as string);
  const rowVersions = new Map<string, string>();
  for (const v of await db('row_versions').select('tbl', 'row_id', 'hlc'))
    rowVersions.set(`${v.tbl}\u0000${v.row_id}`, v.hlc as string);
  const cells: { tbl: string; row_id: string; col: string; value: unknown; hlc: string }[] = [];
  for (const { tbl, row } of await projectCells(db, projectId, info)) {
    for (const [col, value] of Object.entries(row)) {
      if (col === 'id' || value === null) continue;
      cells.push({
        tbl,
        row_id: row.id as string,
        col,
        value,
        hlc:
          versions.get(`${tbl}\u0000${row.id}\u0000${col}`) ??
          rowVersions.get(`${tbl}\u0000${row.id}`) ??
          stamp,
      });
    }
  }
  return cells;
}

export async function countRejected(db: Db): Promise<number> {
  return Number((await db('sync_rejected').count({ n: '*' }))[0]!.n);
}

/** The newest cell version older than `limit` (where a clock that ran ahead resumes from). */
export async function newestVersionBefore(db: Db, limit: string): Promise<string | null> {
  const row = await db('cell_versions').where('hlc', '<', limit).max({ m: 'hlc' }).first();
  return (row?.m as string | null | undefined) ?? null;
}

/**
 * The version of each of `columns` in each row (its own, else its row's; null: never written),
 * for a form to send back with the fields it changes.
 */
export async function fieldVersions<C extends string>(
  db: Db,
  table: string,
  rowIds: string[],
  columns: readonly C[],
): Promise<Map<string, Record<C, string | null>>> {
  const own = new Map<string, string>();
  const ofRow = new Map<string, string>();
  if (rowIds.length) {
    for (const v of (await db('cell_versions')
      .where({ tbl: table })
      .whereIn('row_id', rowIds)
      .whereIn('col', [...columns])
      .select('row_id', 'col', 'hlc')) as { row_id: string; col: string; hlc: string }[])
      own.set(`${v.row_id}\u0000${v.col}`, v.hlc);
    for (const v of (await db('row_versions')
      .where({ tbl: table })
      .whereIn('row_id', rowIds)
      .select('row_id', 'hlc')) as { row_id: string; hlc: string }[])
      ofRow.set(v.row_id, v.hlc);
  }
  return new Map(
    rowIds.map((id) => [
      id,
      Object.fromEntries(
        columns.map((c) => [c, own.get(`${id}\u0000${c}`) ?? ofRow.get(id) ?? null]),
      ) as Record<C, string | null>,
    ]),
  );
}

/** The newest stamp this device has written or seen, cell or row (where its clock resumes). */
export async function newestVersion(db: Db): Promise<string | null> {
  const [cell, row] = await Promise.all([
    db('cell_versions').max({ m: 'hlc' }).first(),
    db('row_versions').max({ m: 'hlc' }).first(),
  ]);
  return (
    [cell?.m, row?.m]
      .filter((h): h is string => typeof h === 'string' && h !== '')
      .sort()
      .pop() ?? null
  );
}
