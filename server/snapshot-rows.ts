// Each row's cells aggregated once, when a push writes them, rather than each time a fresh laptop
// asks for a snapshot: the snapshot then reads one stored row per row, not a group of cells.
// `snapshot_rows` is derived from `cells` and kept in the same transaction as them.
import type { Knex } from 'knex';
import type { Dialect } from './store-types';

/** A row of `snapshot_rows` as the database hands it over (PostgreSQL's counts may be text). */
export interface SnapshotRowRecord {
  project_id: string;
  tbl: string;
  row_id: string;
  n: number | string;
  cols: string;
  vals: string;
  hlc: string;
  hlcs: string | null;
}

export const dialectOf = (knex: Knex): Dialect =>
  String(knex.client.config.client).startsWith('pg') ? 'postgres' : 'sqlite';

/**
 * The aggregate of each row's cells: how many, the columns, the stored values (JSON text) and the
 * stamps in one order (whatever order the cells are read in; a laptop reads the columns by name),
 * the newest stamp, and the stamps one by one only when they differ.
 */
function aggregate(dialect: Dialect, from = 'cells'): string {
  const agg = dialect === 'postgres' ? 'string_agg' : 'group_concat';
  return `SELECT cells.project_id, cells.tbl, cells.row_id, count(*) AS n,
      ${agg}(col, ',') AS cols,
      ${agg}(coalesce(value, 'null'), ',') AS vals,
      max(hlc) AS hlc,
      CASE WHEN min(hlc) = max(hlc) THEN NULL ELSE ${agg}(hlc, ',') END AS hlcs
    FROM ${from}`;
}

const COLUMNS = '(project_id, tbl, row_id, n, cols, vals, hlc, hlcs)';

/** Creates the table; `cells` already holds data on a server being upgraded, so it is filled. */
export async function createSnapshotRows(knex: Knex): Promise<void> {
  await knex.schema.createTable('snapshot_rows', (t) => {
    t.string('project_id', 64).notNullable();
    t.string('tbl', 63).notNullable();
    t.string('row_id', 64).notNullable();
    t.integer('n').notNullable();
    t.text('cols').notNullable();
    t.text('vals').notNullable();
    t.string('hlc', 48).notNullable();
    t.text('hlcs').nullable();
    t.primary(['project_id', 'tbl', 'row_id']);
  });
  await rebuildSnapshotRows(knex);
}

/** Aggregates every row of a project (or of every project) again from its cells. */
export async function rebuildSnapshotRows(knex: Knex, projectId?: string): Promise<void> {
  const where = projectId === undefined ? '' : ' WHERE project_id = ?';
  await knex.transaction(async (trx) => {
    await trx.raw(`DELETE FROM snapshot_rows${where}`, projectId === undefined ? [] : [projectId]);
    await trx.raw(
      `INSERT INTO snapshot_rows ${COLUMNS} ${aggregate(dialectOf(knex))}${where}
       GROUP BY cells.project_id, cells.tbl, cells.row_id`,
      projectId === undefined ? [] : [projectId],
    );
  });
  // PostgreSQL plans a chunk's read as a sort of the whole project until it has statistics on
  // the table; after a bulk fill it has none until autovacuum comes round.
  if (dialectOf(knex) === 'postgres') await knex.raw('ANALYZE snapshot_rows');
}

/**
 * Aggregates the rows a push changed again, inside the push's transaction: a join from the
 * changed keys into `cells` through its primary key, then an upsert. The CROSS JOIN is SQLite's
 * way to keep the keys as the outer loop; with `JOIN … ON` it walked every cell of the project
 * instead, so a push took longer the larger the project (publishing the demo: 2.8 of 7 s).
 */
export async function refreshSnapshotRows(
  trx: Knex.Transaction,
  dialect: Dialect,
  projectId: string,
  rows: [tbl: string, rowId: string][],
): Promise<void> {
  const update = ['n', 'cols', 'vals', 'hlc', 'hlcs'].map((c) => `${c} = excluded.${c}`);
  for (let at = 0; at < rows.length; at += 400) {
    const part = rows.slice(at, at + 400);
    await trx.raw(
      `INSERT INTO snapshot_rows ${COLUMNS}
       ${aggregate(
         dialect,
         `(VALUES ${part.map(() => '(?, ?)').join(', ')}) AS k CROSS JOIN cells`,
       )}
       WHERE cells.project_id = ? AND cells.tbl = k.column1 AND cells.row_id = k.column2
       GROUP BY cells.project_id, cells.tbl, cells.row_id
       ON CONFLICT (project_id, tbl, row_id) DO UPDATE SET ${update.join(', ')}`,
      [...part.flat(), projectId],
    );
  }
}
