// What a laptop already holds of the cells a pull brings: their versions (a cell's own, or its
// row's), the nulls no one wrote, and the author columns the server named differently.
import type { Knex } from 'knex';
import { chunks } from '../../main/domain/chunks';
import type { CellValue } from '../../main/domain/sync-protocol';
import type { TableInfo } from './sync-repository';

/** A cell as a pull brings it. */
export interface RemoteCell {
  tbl: string;
  row_id: string;
  col: string;
  value: CellValue;
  hlc: string;
  /** Who pushed it, where the server said (a pull's change; not a snapshot's cell). */
  user_id?: string;
}

export const cellKey = (tbl: string, rowId: string, col: string) =>
  `${tbl}\u0000${rowId}\u0000${col}`;

export interface HeldVersions {
  /** A cell's own version. */
  cells: Map<string, string>;
  /** A row's version, for its cells without one of their own. */
  rows: Map<string, string>;
  /** Cells still null that no one wrote: the row's version does not stand for them. */
  nulls: Set<string>;
}

export async function readHeldVersions(
  trx: Knex.Transaction,
  latest: Map<string, RemoteCell>,
  info: Map<string, TableInfo>,
): Promise<HeldVersions> {
  const cells = new Map<string, string>();
  const rows = new Map<string, string>();
  const rowTuples = [...new Set([...latest.values()].map((c) => `${c.tbl}\u0000${c.row_id}`))].map(
    (k) => k.split('\u0000'),
  );
  for (const part of chunks(rowTuples, 400))
    for (const v of await trx('row_versions')
      .whereIn(['tbl', 'row_id'], part)
      .select('tbl', 'row_id', 'hlc'))
      rows.set(`${v.tbl}\u0000${v.row_id}`, v.hlc);
  const tuples = [...latest.values()].map((c) => [c.tbl, c.row_id, c.col]);
  for (const part of chunks(tuples, 300))
    for (const v of await trx('cell_versions')
      .whereIn(['tbl', 'row_id', 'col'], part)
      .select('tbl', 'row_id', 'col', 'hlc'))
      cells.set(cellKey(v.tbl, v.row_id, v.col), v.hlc);
  return { cells, rows, nulls: await cellsNullHere(trx, latest, cells, rows, info) };
}

/**
 * Of the author cells the server sent back with the stamp this laptop wrote them with, those
 * whose value differs here: the server names the signed-in writer, whatever a laptop wrote.
 */
export async function authorsToCorrect(
  trx: Knex.Transaction,
  cells: RemoteCell[],
): Promise<RemoteCell[]> {
  const out: RemoteCell[] = [];
  const byTable = new Map<string, RemoteCell[]>();
  for (const c of cells) byTable.set(c.tbl, [...(byTable.get(c.tbl) ?? []), c]);
  for (const [tbl, list] of byTable) {
    const cols = [...new Set(list.map((c) => c.col))];
    const here = new Map<string, Record<string, unknown>>();
    for (const part of chunks([...new Set(list.map((c) => c.row_id))], 500))
      for (const row of (await trx(tbl)
        .whereIn('id', part)
        .select(['id', ...cols])) as Record<string, unknown>[])
        here.set(row.id as string, row);
    out.push(...list.filter((c) => (here.get(c.row_id)?.[c.col] ?? null) !== c.value));
  }
  return out;
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
