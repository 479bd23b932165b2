// A fresh laptop's first download, applied a chunk of whole rows at a time.
import type { Knex } from 'knex';
import type { CellValue, SnapshotGroup } from '../../main/domain/sync-protocol';
import { checkCell } from '../../main/domain/sync-check';
import { applyRemoteCells, type ApplyResult, type RemoteCell } from './remote-apply';
import { SYNCED_TABLES } from './synced-writer';
import type { TableInfo } from './sync-repository';

const SYNCED = new Set<string>(SYNCED_TABLES);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The cells of some of a group's rows, for the cell-by-cell path. */
function cellsOf(group: SnapshotGroup, rows: Iterable<number>): RemoteCell[] {
  const own = new Map<string, string>();
  for (const [row, col, hlc] of group.hlcs ?? []) own.set(`${row}:${col}`, hlc);
  const cells: RemoteCell[] = [];
  for (const r of rows) {
    const [rowId, hlc, ...values] = group.rows[r]!;
    group.cols.forEach((col, c) =>
      cells.push({
        tbl: group.tbl,
        row_id: rowId,
        col,
        value: values[c] as CellValue,
        hlc: own.get(`${r}:${c}`) ?? hlc,
      }),
    );
  }
  return cells;
}

/**
 * Row ids of the group this laptop already holds. A group's rows come in id order and chunks
 * follow one another in that order, so on a fresh laptop nothing lies between the group's first
 * and last id: one range read over the primary key, usually empty, rather than a lookup per row.
 */
async function heldRows(trx: Knex.Transaction, group: SnapshotGroup): Promise<Set<string>> {
  let low = group.rows[0]![0];
  let high = low;
  for (const [id] of group.rows) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const ids = new Set(group.rows.map((r) => r[0]));
  const found: { id: string }[] = await trx(group.tbl).whereBetween('id', [low, high]).select('id');
  return new Set(found.map((r) => r.id).filter((id) => ids.has(id)));
}

/**
 * Inserts whole new rows with one statement per group: the rows cross to SQLite as one JSON
 * text, which SQLite takes apart itself, not one bound value per cell. `jsonb_each`, not
 * `json_each`: its rows are SQLite's binary JSON, so `->>` reads a row's values without parsing
 * the row's text again (issue 16). Each row gets one version; a cell with a stamp of its own, or
 * a null written on purpose, gets a cell version.
 */
async function insertGroup(
  trx: Knex.Transaction,
  group: SnapshotGroup,
  rows: number[],
  text: string,
): Promise<void> {
  const { tbl, cols } = group;
  const names = ['id', ...cols].map(quote).join(', ');
  const picks = ['0', ...cols.map((_, c) => String(c + 2))].map((i) => `value ->> ${i}`);
  await trx.raw(
    `INSERT INTO ${quote(tbl)} (${names}) SELECT ${picks.join(', ')} FROM jsonb_each(?)`,
    [text],
  );
  await trx.raw(
    `INSERT INTO row_versions (tbl, row_id, hlc) SELECT ?, value ->> 0, value ->> 1 FROM jsonb_each(?)`,
    [tbl, text],
  );
  const versions = new Map<string, [string, string, string]>();
  const wanted = new Set(rows);
  for (const r of rows) {
    const row = group.rows[r]!;
    for (let c = 0; c < cols.length; c++)
      if (row[c + 2] === null) versions.set(`${r}:${c}`, [row[0], cols[c]!, row[1]]);
  }
  for (const [r, c, hlc] of group.hlcs ?? [])
    if (wanted.has(r)) versions.set(`${r}:${c}`, [group.rows[r]![0], cols[c]!, hlc]);
  if (!versions.size) return;
  await trx.raw(
    `INSERT INTO cell_versions (tbl, row_id, col, hlc)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?) WHERE true
     ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc`,
    [tbl, JSON.stringify([...versions.values()])],
  );
}

/**
 * A fresh laptop's first download, a chunk of whole rows at a time. Rows this laptop does not
 * have yet, of known tables and columns, are inserted as they are; anything else (a row already
 * here, a table or column this version does not know, a row missing a required column, or any
 * row while changes of this laptop wait to be pushed) goes through the cell-by-cell path
 * (remote-apply.ts).
 */
export async function applySnapshotGroups(
  trx: Knex.Transaction,
  groups: SnapshotGroup[],
  info: Map<string, TableInfo>,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, skipped: 0, keptAside: 0 };
  const slow: RemoteCell[] = [];
  const waiting = Number((await trx('sync_pending').count({ n: '*' }))[0]!.n) > 0;
  for (const group of groups) {
    const table = info.get(group.tbl);
    const all = group.rows.map((_, r) => r);
    const whole =
      SYNCED.has(group.tbl) &&
      table !== undefined &&
      group.cols.every((c) => table.columns.has(c) && c !== 'id') &&
      table.required.every((c) => group.cols.includes(c));
    if (!whole || waiting) {
      slow.push(...cellsOf(group, all));
      continue;
    }
    if (!group.rows.length) continue;
    const held = await heldRows(trx, group);
    // A row with a value the schema refuses takes the cell-by-cell path, which sets it aside.
    const fresh = all.filter(
      (r) =>
        !held.has(group.rows[r]![0]) &&
        group.cols.every((col, c) => checkCell(group.tbl, col, group.rows[r]![c + 2]) === null),
    );
    const inserted = new Set(fresh);
    slow.push(
      ...cellsOf(
        group,
        all.filter((r) => !inserted.has(r)),
      ),
    );
    const text = JSON.stringify(
      fresh.length === all.length ? group.rows : fresh.map((r) => group.rows[r]!),
    );
    if (fresh.length) await insertGroup(trx, group, fresh, text);
    result.applied += fresh.length * group.cols.length;
  }
  if (slow.length) {
    const more = await applyRemoteCells(trx, slow, info);
    result.applied += more.applied;
    result.skipped += more.skipped;
    result.keptAside += more.keptAside;
  }
  return result;
}

/** The newest stamp in a chunk, so the laptop's clock moves past it. */
export function newestSnapshotStamp(groups: SnapshotGroup[]): string {
  let newest = '';
  for (const group of groups) {
    for (const row of group.rows) if (row[1] > newest) newest = row[1];
    for (const [, , hlc] of group.hlcs ?? []) if (hlc > newest) newest = hlc;
  }
  return newest;
}
