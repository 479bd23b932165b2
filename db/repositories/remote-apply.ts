// Applying what the server sends to the laptop's tables, inside the caller's transaction: remote
// cells by last-writer-wins, whole rows of a fresh laptop's first download, and cells kept aside
// until this version can apply them.
import type { Knex } from 'knex';
import { chunks } from '../../main/domain/chunks';
import { replaces } from '../../main/domain/lww';
import { authorOf, checkCell } from '../../main/domain/sync-check';
import type { CellValue } from '../../main/domain/sync-protocol';
import {
  authorsToCorrect,
  cellKey,
  readHeldVersions,
  type HeldVersions,
  type RemoteCell,
} from './remote-held';
import { SYNCED_TABLES } from './synced-writer';
import type { TableInfo } from './sync-repository';

const SYNCED = new Set<string>(SYNCED_TABLES);

export type { RemoteCell };

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
  const latest = newestPerCell(cells);
  result.skipped += cells.length - latest.size;
  const held = await readHeldVersions(trx, latest, info);
  const { byRow, unknown, invalid, authored, skipped } = sortIncoming(latest, held, info);
  result.skipped += skipped;
  for (const cell of await authorsToCorrect(trx, authored)) {
    const rowKey = `${cell.tbl}\u0000${cell.row_id}`;
    byRow.set(rowKey, [...(byRow.get(rowKey) ?? []), cell]);
  }
  await keepAside(trx, unknown, 'unknown');
  await keepAside(trx, invalid, 'invalid');
  result.keptAside += unknown.length + invalid.length;

  const written: Written = { cells: [], rows: [] };
  for (const [tbl, rowIds] of rowsByTable(byRow)) {
    const existing = new Set<string>();
    for (const part of chunks(rowIds, 500))
      for (const r of await trx(tbl).whereIn('id', part).select('id')) existing.add(r.id as string);
    const rowCells = (rowId: string) => byRow.get(`${tbl}\u0000${rowId}`)!;
    add(
      result,
      await updateRows(
        trx,
        tbl,
        rowIds.filter((id) => existing.has(id)),
        rowCells,
        written,
      ),
    );
    add(
      result,
      await createRows(
        trx,
        tbl,
        rowIds.filter((id) => !existing.has(id)),
        rowCells,
        info.get(tbl)!,
        written,
      ),
    );
  }
  for (const part of chunks(written.rows, 300))
    await trx('row_versions').insert(part).onConflict(['tbl', 'row_id']).merge(['hlc']);
  for (const part of chunks(written.cells, 200))
    await trx('cell_versions').insert(part).onConflict(['tbl', 'row_id', 'col']).merge(['hlc']);
  return result;
}

interface Written {
  cells: { tbl: string; row_id: string; col: string; hlc: string }[];
  rows: { tbl: string; row_id: string; hlc: string }[];
}

function add(into: ApplyResult, more: ApplyResult): void {
  into.applied += more.applied;
  into.skipped += more.skipped;
  into.keptAside += more.keptAside;
}

/** The newest remote value of each cell in a page. */
function newestPerCell(cells: RemoteCell[]): Map<string, RemoteCell> {
  const latest = new Map<string, RemoteCell>();
  for (const cell of cells) {
    const k = cellKey(cell.tbl, cell.row_id, cell.col);
    if (replaces(cell.hlc, latest.get(k)?.hlc)) latest.set(k, cell);
  }
  return latest;
}

/** Which cells win here (grouped by row), which this version cannot hold, how many lost. */
function sortIncoming(
  latest: Map<string, RemoteCell>,
  held: HeldVersions,
  info: Map<string, TableInfo>,
): {
  byRow: Map<string, RemoteCell[]>;
  unknown: RemoteCell[];
  invalid: (RemoteCell & { detail: string })[];
  authored: RemoteCell[];
  skipped: number;
} {
  const byRow = new Map<string, RemoteCell[]>();
  const unknown: RemoteCell[] = [];
  const invalid: (RemoteCell & { detail: string })[] = [];
  const authored: RemoteCell[] = [];
  let skipped = 0;
  for (const [k, cell] of latest) {
    const rowKey = `${cell.tbl}\u0000${cell.row_id}`;
    // A row's version stands for the cells that arrived with it, never for a column still null
    // that no one wrote: two laptops may create one natural-key row with different columns.
    const version = held.cells.get(k) ?? (held.nulls.has(k) ? undefined : held.rows.get(rowKey));
    if (!replaces(cell.hlc, version)) {
      // The same write, as the server kept it: its author column may name the true author.
      if (cell.hlc === version && authorOf(cell.tbl, cell.col)) authored.push(cell);
      else skipped += 1;
      continue;
    }
    const table = info.get(cell.tbl);
    if (!SYNCED.has(cell.tbl) || !table || !table.columns.has(cell.col) || cell.col === 'id') {
      unknown.push(cell);
      continue;
    }
    // A value the schema refuses never reaches a screen or the sheet: it waits aside.
    const refusal = checkCell(cell.tbl, cell.col, cell.value);
    if (refusal?.code === 'sync.invalid_value') {
      invalid.push({ ...cell, detail: refusal.reason });
      continue;
    }
    byRow.set(rowKey, [...(byRow.get(rowKey) ?? []), cell]);
  }
  return { byRow, unknown, invalid, authored, skipped };
}

function rowsByTable(byRow: Map<string, RemoteCell[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rowKey of byRow.keys()) {
    const [tbl, rowId] = rowKey.split('\u0000') as [string, string];
    out.set(tbl, [...(out.get(tbl) ?? []), rowId]);
  }
  return out;
}

/** Winning cells of rows this laptop has: one UPDATE per row. */
async function updateRows(
  trx: Knex.Transaction,
  tbl: string,
  rowIds: string[],
  rowCells: (rowId: string) => RemoteCell[],
  written: Written,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, skipped: 0, keptAside: 0 };
  const applied = (rowId: string, incoming: RemoteCell[]) => {
    for (const c of incoming) written.cells.push({ tbl, row_id: rowId, col: c.col, hlc: c.hlc });
    result.applied += incoming.length;
  };
  // Rows given the same values (the server's author column on a published project's rows, one
  // user on thousands) are updated by one statement per 500, not one each.
  const groups = new Map<string, { values: Record<string, unknown>; rowIds: string[] }>();
  for (const rowId of rowIds) {
    const pairs = rowCells(rowId)
      .map((c) => [c.col, c.value] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify(pairs);
    const group = groups.get(key) ?? { values: Object.fromEntries(pairs), rowIds: [] };
    group.rowIds.push(rowId);
    groups.set(key, group);
  }
  for (const { values, rowIds: ids } of groups.values())
    for (const part of chunks(ids, 500)) {
      try {
        await trx(tbl).whereIn('id', part).update(values);
        for (const rowId of part) applied(rowId, rowCells(rowId));
        continue;
      } catch {
        // One row refused the statement: SQLite undid the statement alone; row by row below.
      }
      for (const rowId of part) {
        const incoming = rowCells(rowId);
        try {
          await trx(tbl).where({ id: rowId }).update(values);
        } catch {
          // A value this schema cannot hold (a poisoned change) must not block the queue: it
          // waits aside, counted on the Sync screen, and the rest of the batch goes on.
          await keepAside(trx, incoming, 'refused');
          result.keptAside += incoming.length;
          continue;
        }
        applied(rowId, incoming);
      }
    }
  return result;
}

/**
 * Rows this laptop does not have yet: created whole once their required cells have all arrived
 * (with cells that waited from earlier pages), else their cells wait aside.
 */
async function createRows(
  trx: Knex.Transaction,
  tbl: string,
  rowIds: string[],
  rowCells: (rowId: string) => RemoteCell[],
  table: TableInfo,
  written: Written,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, skipped: 0, keptAside: 0 };
  const pending = new Map<string, { col: string; value: string | null; hlc: string }[]>();
  for (const part of chunks(rowIds, 500))
    for (const p of await trx('sync_pending')
      .where({ tbl, reason: 'row' })
      .whereIn('row_id', part)
      .select('row_id', 'col', 'value', 'hlc'))
      pending.set(p.row_id, [...(pending.get(p.row_id) ?? []), p]);
  const inserts = new Map<string, Record<string, unknown>>();
  const versionsOf = new Map<string, { tbl: string; row_id: string; col: string; hlc: string }[]>();
  const stillWaiting: RemoteCell[] = [];
  for (const rowId of rowIds) {
    const incoming = rowCells(rowId);
    const merged = new Map<string, { value: unknown; hlc: string }>();
    for (const p of pending.get(rowId) ?? [])
      merged.set(p.col, { value: p.value === null ? null : JSON.parse(p.value), hlc: p.hlc });
    for (const c of incoming)
      if (replaces(c.hlc, merged.get(c.col)?.hlc))
        merged.set(c.col, { value: c.value, hlc: c.hlc });
    if (!table.required.every((col) => merged.has(col))) {
      stillWaiting.push(...incoming);
      continue;
    }
    inserts.set(rowId, {
      id: rowId,
      ...Object.fromEntries([...merged].map(([col, v]) => [col, v.value])),
    });
    versionsOf.set(
      rowId,
      [...merged].map(([col, v]) => ({ tbl, row_id: rowId, col, hlc: v.hlc })),
    );
  }
  const refused = await insertByShape(trx, tbl, [...inserts.values()]);
  for (const rowId of refused) {
    const incoming = rowCells(rowId);
    await keepAside(trx, incoming, 'refused');
    result.keptAside += incoming.length;
  }
  const created = [...inserts.keys()].filter((id) => !refused.has(id));
  for (const id of created) {
    // A new row takes its most common stamp as the row's version; only the other cells need a
    // version of their own (and a null written on purpose, see cellsNullHere).
    const versions = versionsOf.get(id)!;
    const dominant = mostCommon(versions.map((v) => v.hlc));
    const values = inserts.get(id)!;
    written.rows.push({ tbl, row_id: id, hlc: dominant });
    written.cells.push(
      ...versions.filter((v) => v.hlc !== dominant || (values[v.col] ?? null) === null),
    );
    result.applied += versions.length;
  }
  for (const part of chunks(created, 500))
    await trx('sync_pending').where({ tbl, reason: 'row' }).whereIn('row_id', part).delete();
  await keepAside(trx, stillWaiting, 'row');
  return result;
}

/** Rows with the same columns in one multi-row INSERT; returns the ids of rows refused. */
async function insertByShape(
  trx: Knex.Transaction,
  tbl: string,
  rows: Record<string, unknown>[],
): Promise<Set<string>> {
  const shapes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const shape = Object.keys(row).sort().join(',');
    shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
  }
  const refused = new Set<string>();
  for (const group of shapes.values()) {
    const columns = Object.keys(group[0]!).length;
    for (const part of chunks(group, Math.max(1, Math.floor(900 / columns)))) {
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
  return refused;
}

/** The most frequent stamp (ties: the newest). */
function mostCommon(stamps: string[]): string {
  const tally = new Map<string, number>();
  for (const s of stamps) tally.set(s, (tally.get(s) ?? 0) + 1);
  return [...tally].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] > a[0]) ? b : a))[0];
}

async function keepAside(
  trx: Knex.Transaction,
  cells: (RemoteCell & { detail?: string })[],
  reason: string,
): Promise<void> {
  const rows = cells.map((c) => ({
    tbl: c.tbl,
    row_id: c.row_id,
    col: c.col,
    value: c.value === null ? null : JSON.stringify(c.value),
    hlc: c.hlc,
    reason,
    user_id: c.user_id ?? null,
    detail: c.detail ?? null,
  }));
  for (const part of chunks(rows, 150)) {
    // A kept-aside cell is replaced only by a newer one.
    await trx('sync_pending')
      .insert(part)
      .onConflict(['tbl', 'row_id', 'col'])
      .merge(['value', 'hlc', 'reason', 'user_id', 'detail'])
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
