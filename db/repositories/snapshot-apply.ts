// A fresh laptop's first download, applied a chunk of whole rows at a time.
import type { Knex } from 'knex';
import { chunks } from '../../main/domain/chunks';
import type { SnapshotRow } from '../../main/domain/sync-protocol';
import { applyRemoteCells, type ApplyResult, type RemoteCell } from './remote-apply';
import { SYNCED_TABLES } from './synced-writer';
import type { TableInfo } from './sync-repository';

const SYNCED = new Set<string>(SYNCED_TABLES);

/**
 * A fresh laptop's first download, a chunk of whole rows at a time. Rows this laptop does not
 * have yet, of known tables and columns, are inserted as they are with one version for the row;
 * anything else goes through the cell-by-cell path (remote-apply.ts).
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
