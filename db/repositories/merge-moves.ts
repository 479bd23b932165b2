// What a natural-key merge reads and moves besides the rows it merges: the versions of their
// cells, the id they merge into, and the rows that point at them (a panel's stage events).
import type { Knex } from 'knex';
import {
  mergeStamp,
  MUTABLE_KEYS,
  NATURAL_KEYS,
  NATURAL_REFERENCES,
  naturalId,
  naturalIdOf,
  type NaturalTable,
} from '../../main/domain/natural-keys';
import { chunks } from '../../main/domain/chunks';
import type { Row } from './write';

/**
 * The id the rows of a key merge into: the natural id, unless a row whose key has since changed
 * (a renamed panel) holds it; then an id derived from both, as the writer's upsert derives it.
 */
export async function canonicalId(
  trx: Knex.Transaction,
  table: NaturalTable,
  row: Row,
): Promise<string> {
  const id = naturalIdOf(table, row);
  if (!MUTABLE_KEYS.has(table)) return id;
  const columns = NATURAL_KEYS[table];
  const holder = (await trx(table).where({ id }).first(columns)) as Row | undefined;
  if (!holder || columns.every((c) => holder[c] === row[c])) return id;
  return naturalId(String(row.project_id), table, [
    ...columns.map((c) => String(row[c] ?? '')),
    id,
  ]);
}

export interface Versions {
  cells: Map<string, string>;
  row: Map<string, string>;
}

/** Each row's cell versions, and the row's own version for cells without one. */
export async function versionsOf(
  trx: Knex.Transaction,
  table: string,
  ids: string[],
): Promise<Versions> {
  const out: Versions = { cells: new Map(), row: new Map() };
  for (const part of chunks(ids, 400)) {
    for (const v of await trx('row_versions')
      .where({ tbl: table })
      .whereIn('row_id', part)
      .select('row_id', 'hlc'))
      out.row.set(v.row_id as string, v.hlc as string);
    for (const v of await trx('cell_versions')
      .where({ tbl: table })
      .whereIn('row_id', part)
      .select('row_id', 'col', 'hlc'))
      out.cells.set(`${v.row_id}\u0000${v.col}`, v.hlc as string);
  }
  return out;
}

/** A cell's version ('' when it never had one: unwritten, or local illustration data). */
export function versionOf(versions: Versions, rowId: string, col: string, isNull = false): string {
  return (
    versions.cells.get(`${rowId}\u0000${col}`) ?? (isNull ? '' : versions.row.get(rowId)) ?? ''
  );
}

export interface Cell {
  tbl: string;
  row_id: string;
  col: string;
  value: unknown;
  hlc: string;
  /**
   * Sent as an edit that saw this version of the cell (null: none), not as a replay: the server
   * then records in the ledger a value it holds that the merging laptop never saw.
   */
  seen?: string | null;
}

/**
 * Whether the natural row, removed (an undone stage), comes back: a live row of its key was
 * written after the removal (an older laptop recorded the stage again), and that write must not
 * be lost with the row it was made in.
 */
export function revives(current: Row, members: Row[], versions: Versions): boolean {
  if (current.deleted_at === null) return false;
  const removed = versionOf(versions, String(current.id), 'deleted_at');
  return members.some(
    (r) =>
      r.deleted_at === null &&
      Object.keys(r).some((col) => versionOf(versions, String(r.id), col) > removed),
  );
}

/**
 * Moves the rows that point at the merged rows (a panel's stage events and photos) to the
 * survivor. Each moved cell is stamped after both the merge and its own version, so every laptop
 * writes the same stamp and the move wins over the value it replaces.
 */
export async function repointReferences(
  trx: Knex.Transaction,
  table: NaturalTable,
  canonical: string,
  formers: string[],
  stamp: string,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  if (!formers.length) return cells;
  for (const ref of NATURAL_REFERENCES[table] ?? []) {
    const rows = (await trx(ref.table)
      .whereIn(ref.column, formers)
      .where(ref.where ?? {})
      .select('id')) as { id: string }[];
    if (!rows.length) continue;
    const versions = await versionsOf(
      trx,
      ref.table,
      rows.map((r) => r.id),
    );
    for (const { id } of rows) {
      const own = versionOf(versions, id, ref.column);
      const hlc = own > stamp ? mergeStamp(own) : stamp;
      await trx(ref.table)
        .where({ id })
        .update({ [ref.column]: canonical });
      cells.push({ tbl: ref.table, row_id: id, col: ref.column, value: canonical, hlc });
    }
  }
  return cells;
}
