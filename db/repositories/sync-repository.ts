// SQL for sync on the laptop: reading the outbox, applying remote cells by last-writer-wins,
// keeping aside what cannot be applied yet, and the cursor, all inside the caller's transaction.
import { chunks } from '../../main/domain/chunks';
import { replaces } from '../../main/domain/lww';
import type { Knex } from 'knex';
import type {
  CellValue,
  Change,
  RejectedChange,
  SnapshotRow,
} from '../../main/domain/sync-protocol';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from './synced-writer';

type Db = Knex | Knex.Transaction;

export interface TableInfo {
  columns: Set<string>;
  /** NOT NULL columns without a default: a row cannot exist until all of them have arrived. */
  required: string[];
}

const SYNCED = new Set<string>(SYNCED_TABLES);

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
 * The oldest outbox changes, about `limit` of them, never splitting one row's run of changes
 * between two batches: the server learns a new row's project from its project_id cell, which must
 * travel with the row's other cells.
 */
export async function readOutbox(db: Db, limit: number): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = await db('outbox')
    .orderBy('seq')
    .limit(limit + 100)
    .select('seq', 'hlc', 'tbl', 'row_id', 'col', 'value', 'base_hlc', 'replay');
  if (rows.length <= limit) return rows;
  let end = limit;
  const last = rows[limit - 1]!;
  while (end < rows.length && rows[end]!.tbl === last.tbl && rows[end]!.row_id === last.row_id)
    end += 1;
  return rows.slice(0, end);
}

export async function countOutbox(db: Db): Promise<number> {
  return Number((await db('outbox').count({ n: '*' }))[0]!.n);
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
  const done = [...acked, ...rejected.map((r) => r.op_id)];
  for (let i = 0; i < done.length; i += 500)
    await db('outbox')
      .whereIn('seq', done.slice(i, i + 500))
      .delete();
}

/** Drops outbox rows of tables that never leave the laptop (written before that rule existed). */
export async function dropLocalOnlyOutbox(db: Db): Promise<void> {
  await db('outbox')
    .whereIn('tbl', [...LOCAL_ONLY_TABLES])
    .delete();
}

export interface RemoteCell {
  tbl: string;
  row_id: string;
  col: string;
  value: CellValue;
  hlc: string;
}

export interface ApplyResult {
  applied: number;
  skipped: number;
  keptAside: number;
}

/**
 * Applies remote cells by last-writer-wins on each cell's HLC. A cell of a table or column this
 * version does not know is kept aside for after an upgrade; a cell of a row that does not exist
 * yet waits until the row's required cells have all arrived, then the row is created whole.
 * Works a page at a time with a few statements per table, not per cell (initial sync moves
 * hundreds of thousands of cells).
 */
export async function applyRemoteCells(
  trx: Knex.Transaction,
  cells: RemoteCell[],
  info: Map<string, TableInfo>,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, skipped: 0, keptAside: 0 };
  if (!cells.length) return result;
  const key = (tbl: string, rowId: string, col: string) => `${tbl}\u0000${rowId}\u0000${col}`;

  // The newest remote value of each cell in this page.
  const latest = new Map<string, RemoteCell>();
  for (const cell of cells) {
    const k = key(cell.tbl, cell.row_id, cell.col);
    const seen = latest.get(k);
    if (replaces(cell.hlc, seen?.hlc)) latest.set(k, cell);
  }
  const versions = new Map<string, string>();
  // A cell without a version of its own has its row's.
  const rowVersion = new Map<string, string>();
  const rowTuples = [...new Set([...latest.values()].map((c) => `${c.tbl}\u0000${c.row_id}`))].map(
    (k) => k.split('\u0000'),
  );
  for (const part of chunks(rowTuples, 400)) {
    for (const v of await trx('row_versions')
      .whereIn(['tbl', 'row_id'], part)
      .select('tbl', 'row_id', 'hlc')) {
      rowVersion.set(`${v.tbl}\u0000${v.row_id}`, v.hlc);
    }
  }
  const tuples = [...latest.values()].map((c) => [c.tbl, c.row_id, c.col]);
  for (const part of chunks(tuples, 300)) {
    for (const v of await trx('cell_versions')
      .whereIn(['tbl', 'row_id', 'col'], part)
      .select('tbl', 'row_id', 'col', 'hlc')) {
      versions.set(key(v.tbl, v.row_id, v.col), v.hlc);
    }
  }

  const nullCells = await cellsNullHere(trx, latest, versions, rowVersion, info);
  const unknown: RemoteCell[] = [];
  const byRow = new Map<string, RemoteCell[]>();
  for (const [k, cell] of latest) {
    // A row's version stands for the cells that arrived with it, never for a column still null
    // that no one wrote: two laptops may create one natural-key row with different columns.
    const version =
      versions.get(k) ??
      (nullCells.has(k) ? undefined : rowVersion.get(`${cell.tbl}\u0000${cell.row_id}`));
    if (!replaces(cell.hlc, version)) {
      result.skipped += 1;
      continue;
    }
    const table = info.get(cell.tbl);
    if (!SYNCED.has(cell.tbl) || !table || !table.columns.has(cell.col) || cell.col === 'id') {
      unknown.push(cell);
      continue;
    }
    const rowKey = `${cell.tbl}\u0000${cell.row_id}`;
    byRow.set(rowKey, [...(byRow.get(rowKey) ?? []), cell]);
  }
  result.skipped += cells.length - latest.size;
  await keepAside(trx, unknown, 'unknown');
  result.keptAside += unknown.length;

  // Split the rows into those that exist (update) and those that do not yet (create or wait).
  const rowsByTable = new Map<string, string[]>();
  for (const rowKey of byRow.keys()) {
    const [tbl, rowId] = rowKey.split('\u0000') as [string, string];
    rowsByTable.set(tbl, [...(rowsByTable.get(tbl) ?? []), rowId]);
  }
  const newVersions: { tbl: string; row_id: string; col: string; hlc: string }[] = [];
  const newRowVersions: { tbl: string; row_id: string; hlc: string }[] = [];
  for (const [tbl, rowIds] of rowsByTable) {
    const existing = new Set<string>();
    for (const part of chunks(rowIds, 500))
      for (const r of await trx(tbl).whereIn('id', part).select('id')) existing.add(r.id as string);
    const waiting = rowIds.filter((id) => !existing.has(id));
    const pending = new Map<string, { col: string; value: string | null; hlc: string }[]>();
    for (const part of chunks(waiting, 500)) {
      for (const p of await trx('sync_pending')
        .where({ tbl, reason: 'row' })
        .whereIn('row_id', part)
        .select('row_id', 'col', 'value', 'hlc')) {
        pending.set(p.row_id, [...(pending.get(p.row_id) ?? []), p]);
      }
    }
    const table = info.get(tbl)!;
    const inserts: Record<string, unknown>[] = [];
    const versionsOf = new Map<
      string,
      { tbl: string; row_id: string; col: string; hlc: string }[]
    >();
    const stillWaiting: RemoteCell[] = [];
    for (const rowId of rowIds) {
      const incoming = byRow.get(`${tbl}\u0000${rowId}`)!;
      if (existing.has(rowId)) {
        try {
          await trx(tbl)
            .where({ id: rowId })
            .update(Object.fromEntries(incoming.map((c) => [c.col, c.value])));
        } catch {
          // A value this schema cannot hold (a poisoned change) must not block the queue: it
          // waits aside, counted on the Sync screen, and the rest of the batch goes on.
          await keepAside(trx, incoming, 'refused');
          result.keptAside += incoming.length;
          continue;
        }
        for (const c of incoming) newVersions.push({ tbl, row_id: rowId, col: c.col, hlc: c.hlc });
        result.applied += incoming.length;
        continue;
      }
      const merged = new Map<string, { value: unknown; hlc: string }>();
      for (const p of pending.get(rowId) ?? [])
        merged.set(p.col, { value: p.value === null ? null : JSON.parse(p.value), hlc: p.hlc });
      for (const c of incoming)
        if (!merged.has(c.col) || c.hlc > merged.get(c.col)!.hlc)
          merged.set(c.col, { value: c.value, hlc: c.hlc });
      if (table.required.every((col) => merged.has(col))) {
        inserts.push({
          id: rowId,
          ...Object.fromEntries([...merged].map(([col, v]) => [col, v.value])),
        });
        versionsOf.set(
          rowId,
          [...merged].map(([col, v]) => ({ tbl, row_id: rowId, col, hlc: v.hlc })),
        );
      } else {
        stillWaiting.push(...incoming);
      }
    }
    // Rows with the same columns go in one multi-row INSERT.
    const shapes = new Map<string, Record<string, unknown>[]>();
    for (const row of inserts) {
      const shape = Object.keys(row).sort().join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
    }
    const refused = new Set<string>();
    for (const rows of shapes.values()) {
      const columns = Object.keys(rows[0]!).length;
      for (const part of chunks(rows, Math.max(1, Math.floor(900 / columns)))) {
        try {
          await trx(tbl).insert(part);
        } catch {
          // One bad row must not sink the others: insert them one by one, setting the bad aside.
          for (const row of part)
            await trx(tbl)
              .insert(row)
              .catch(() => refused.add(row.id as string));
        }
      }
    }
    for (const rowId of refused) {
      const incoming = byRow.get(`${tbl}\u0000${rowId}`) ?? [];
      await keepAside(trx, incoming, 'refused');
      result.keptAside += incoming.length;
    }
    const created = inserts.map((r) => r.id as string).filter((id) => !refused.has(id));
    for (const id of created) {
      // A new row takes its most common stamp as the row's version; only the other cells need
      // a version of their own.
      const versions = versionsOf.get(id)!;
      const tally = new Map<string, number>();
      for (const v of versions) tally.set(v.hlc, (tally.get(v.hlc) ?? 0) + 1);
      const dominant = [...tally].reduce((a, b) =>
        b[1] > a[1] || (b[1] === a[1] && b[0] > a[0]) ? b : a,
      )[0];
      newRowVersions.push({ tbl, row_id: id, hlc: dominant });
      // A null written on purpose keeps a version of its own (see cellsNullHere).
      const values = inserts.find((r) => r.id === id)!;
      newVersions.push(
        ...versions.filter((v) => v.hlc !== dominant || (values[v.col] ?? null) === null),
      );
      result.applied += versions.length;
    }
    for (const part of chunks(created, 500))
      await trx('sync_pending').where({ tbl, reason: 'row' }).whereIn('row_id', part).delete();
    await keepAside(trx, stillWaiting, 'row');
  }
  for (const part of chunks(newRowVersions, 300)) {
    await trx('row_versions').insert(part).onConflict(['tbl', 'row_id']).merge(['hlc']);
  }
  for (const part of chunks(newVersions, 200)) {
    await trx('cell_versions').insert(part).onConflict(['tbl', 'row_id', 'col']).merge(['hlc']);
  }
  return result;
}

/**
 * The cells (by key) that have no version of their own and are null in an existing local row:
 * no one has written them, so the row's version does not stand for them.
 */
async function cellsNullHere(
  trx: Knex.Transaction,
  latest: Map<string, RemoteCell>,
  versions: Map<string, string>,
  rowVersion: Map<string, string>,
  info: Map<string, TableInfo>,
): Promise<Set<string>> {
  const byTable = new Map<string, Map<string, Set<string>>>();
  for (const [k, cell] of latest) {
    if (versions.has(k) || !rowVersion.has(`${cell.tbl}\u0000${cell.row_id}`)) continue;
    if (!info.get(cell.tbl)?.columns.has(cell.col)) continue;
    const rows = byTable.get(cell.tbl) ?? new Map<string, Set<string>>();
    rows.set(cell.row_id, (rows.get(cell.row_id) ?? new Set()).add(cell.col));
    byTable.set(cell.tbl, rows);
  }
  const out = new Set<string>();
  for (const [tbl, rows] of byTable) {
    const cols = [...new Set([...rows.values()].flatMap((c) => [...c]))];
    for (const part of chunks([...rows.keys()], 500))
      for (const row of (await trx(tbl)
        .whereIn('id', part)
        .select(['id', ...cols])) as Record<string, unknown>[])
        for (const col of rows.get(row.id as string) ?? [])
          if ((row[col] ?? null) === null) out.add(`${tbl}\u0000${row.id as string}\u0000${col}`);
  }
  return out;
}

async function keepAside(
  trx: Knex.Transaction,
  cells: RemoteCell[],
  reason: string,
): Promise<void> {
  const rows = cells.map((c) => ({
    tbl: c.tbl,
    row_id: c.row_id,
    col: c.col,
    value: c.value === null ? null : JSON.stringify(c.value),
    hlc: c.hlc,
    reason,
  }));
  for (const part of chunks(rows, 150)) {
    // A kept-aside cell is replaced only by a newer one.
    await trx('sync_pending')
      .insert(part)
      .onConflict(['tbl', 'row_id', 'col'])
      .merge(['value', 'hlc', 'reason'])
      .where('sync_pending.hlc', '<', trx.raw('excluded.hlc'));
  }
}

/** After an upgrade: retries every kept-aside cell against the tables and columns now known. */
export async function retryKeptAside(
  trx: Knex.Transaction,
  info: Map<string, TableInfo>,
): Promise<ApplyResult> {
  const rows: { tbl: string; row_id: string; col: string; value: string | null; hlc: string }[] =
    await trx('sync_pending').where({ reason: 'unknown' });
  const ready = rows.filter((r) => info.get(r.tbl)?.columns.has(r.col));
  if (!ready.length) return { applied: 0, skipped: 0, keptAside: rows.length };
  for (const r of ready)
    await trx('sync_pending').where({ tbl: r.tbl, row_id: r.row_id, col: r.col }).delete();
  return applyRemoteCells(
    trx,
    ready.map((r) => ({
      tbl: r.tbl,
      row_id: r.row_id,
      col: r.col,
      hlc: r.hlc,
      value: r.value === null ? null : (JSON.parse(r.value) as CellValue),
    })),
    info,
  );
}

export async function countKeptAside(db: Db): Promise<number> {
  return Number((await db('sync_pending').count({ n: '*' }))[0]!.n);
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const row = await db('local_settings').where({ key }).first('value');
  return (row?.value as string | undefined) ?? null;
}

export async function setSettings(db: Db, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await db('local_settings').where({ key }).delete();
    else await db('local_settings').insert({ key, value }).onConflict('key').merge();
  }
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
  cells: { tbl: string; row_id: string; col: string; value: unknown; hlc: string }[],
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
        base_hlc: null,
        created_at: at,
        replay: 1,
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
 * A fresh laptop's first download, a chunk of whole rows at a time. Rows this laptop does not
 * have yet, of known tables and columns, are inserted as they are with one version for the row;
 * anything else goes through the cell-by-cell path above.
 */
export async function applySnapshotRows(
  trx: Knex.Transaction,
  rows: SnapshotRow[],
  info: Map<string, TableInfo>,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, skipped: 0, keptAside: 0 };
  const slow: RemoteCell[] = [];
  const waiting = Number((await trx('sync_pending').count({ n: '*' }))[0]!.n) > 0;
  const byTable = new Map<string, SnapshotRow[]>();
  for (const row of rows) byTable.set(row.tbl, [...(byTable.get(row.tbl) ?? []), row]);
  const cellsOf = (row: SnapshotRow): RemoteCell[] =>
    Object.entries(row.values).map(([col, value]) => ({
      tbl: row.tbl,
      row_id: row.row_id,
      col,
      value,
      hlc: row.hlcs?.[col] ?? row.hlc,
    }));
  for (const [tbl, group] of byTable) {
    const table = info.get(tbl);
    if (!SYNCED.has(tbl) || !table) {
      slow.push(...group.flatMap(cellsOf));
      continue;
    }
    const existing = new Set<string>();
    for (const part of chunks(
      group.map((r) => r.row_id),
      500,
    ))
      for (const r of await trx(tbl).whereIn('id', part).select('id')) existing.add(r.id as string);
    const fast: SnapshotRow[] = [];
    for (const row of group) {
      const cols = Object.keys(row.values);
      const whole =
        cols.every((c) => table.columns.has(c) && c !== 'id') &&
        table.required.every((c) => c in row.values);
      if (existing.has(row.row_id) || !whole || waiting) slow.push(...cellsOf(row));
      else fast.push(row);
    }
    const shapes = new Map<string, SnapshotRow[]>();
    for (const row of fast) {
      const shape = Object.keys(row.values).sort().join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
    }
    for (const group2 of shapes.values()) {
      // As many rows per statement as insertRows uses: SQLite binds up to 32,766 parameters.
      const columns = Object.keys(group2[0]!.values).length + 1;
      for (const part of chunks(group2, Math.max(1, Math.min(500, Math.floor(30_000 / columns))))) {
        await trx(tbl).insert(part.map((r) => ({ id: r.row_id, ...r.values })));
      }
    }
    for (const part of chunks(fast, 500))
      await trx('row_versions').insert(part.map((r) => ({ tbl, row_id: r.row_id, hlc: r.hlc })));
    const overrides = fast.flatMap((r) => [
      ...Object.entries(r.hlcs ?? {}).map(([col, hlc]) => ({ tbl, row_id: r.row_id, col, hlc })),
      // A null written on purpose keeps a version of its own (see cellsNullHere).
      ...Object.entries(r.values)
        .filter(([col, value]) => value === null && !r.hlcs?.[col])
        .map(([col]) => ({ tbl, row_id: r.row_id, col, hlc: r.hlc })),
    ]);
    for (const part of chunks(overrides, 200))
      await trx('cell_versions').insert(part).onConflict(['tbl', 'row_id', 'col']).merge(['hlc']);
    result.applied += fast.reduce((n, r) => n + Object.keys(r.values).length, 0);
  }
  if (slow.length) {
    const more = await applyRemoteCells(trx, slow, info);
    result.applied += more.applied;
    result.skipped += more.skipped;
    result.keptAside += more.keptAside;
  }
  return result;
}
