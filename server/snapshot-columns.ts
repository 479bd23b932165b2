// The snapshot chunk a fresh laptop asks for (`format=columns`): rows of one table with the same
// columns grouped together, so that the laptop inserts a group with one statement, and built as
// JSON text from what the database aggregates per row, so that the server handles a row, not
// each of its cells, and copies the stored values (JSON already) without decoding them.
import type { Knex } from 'knex';
import type { Dialect } from './store';

interface AggregatedRow {
  tbl: string;
  row_id: string;
  n: number | string;
  cols: string;
  vals: string;
  hlc: string;
  hlcs: string | null;
}

interface Group {
  tbl: string;
  cols: string;
  rows: string[];
  hlcs: string[];
}

/** One statement: the cells from the cursor on (limit + 1 of them), aggregated per row. */
function readRows(
  knex: Knex,
  dialect: Dialect,
  projectId: string,
  after: [string, string] | null,
  limit: number,
): Promise<AggregatedRow[]> {
  const agg = dialect === 'postgres' ? 'string_agg' : 'group_concat';
  const cells = knex('cells')
    .where({ project_id: projectId })
    .orderBy([{ column: 'tbl' }, { column: 'row_id' }, { column: 'col' }])
    .limit(limit + 1)
    .select('tbl', 'row_id', 'col', 'value', 'hlc');
  // A row-value comparison walks the primary key (project, table, row, column) from the cursor.
  if (after) cells.andWhereRaw('(tbl, row_id) > (?, ?)', after);
  return knex
    .from(cells.as('c'))
    .groupBy('tbl', 'row_id')
    .orderBy([{ column: 'tbl' }, { column: 'row_id' }])
    .select(
      'tbl',
      'row_id',
      knex.raw('count(*) AS n'),
      // The aggregates of a row see its cells in one order, so columns, values and stamps line
      // up; which order does not matter (a laptop reads the columns by name).
      knex.raw(`${agg}(col, ',') AS cols`),
      knex.raw(`${agg}(coalesce(value, 'null'), ',') AS vals`),
      knex.raw('max(hlc) AS hlc'),
      knex.raw(`CASE WHEN min(hlc) = max(hlc) THEN NULL ELSE ${agg}(hlc, ',') END AS hlcs`),
    );
}

/**
 * A chunk of whole rows from the cursor on, as the `groups` of a SnapshotColumnsResponse in JSON
 * text, and the cursor of the next chunk (null at the end). A row cut by the limit goes in the
 * next chunk, unless it fills this one alone.
 */
export async function snapshotGroupsJson(
  knex: Knex,
  dialect: Dialect,
  projectId: string,
  after: [string, string] | null,
  limit: number,
): Promise<{ json: string; next: [string, string] | null }> {
  const rows = await readRows(knex, dialect, projectId, after, limit);
  const read = rows.reduce((n, r) => n + Number(r.n), 0);
  const more = read > limit;
  if (more && rows.length > 1) rows.pop();
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.tbl}:${row.cols}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tbl: row.tbl, cols: row.cols, rows: [], hlcs: [] }));
    if (row.hlcs !== null)
      row.hlcs.split(',').forEach((hlc, col) => {
        if (hlc !== row.hlc)
          group.hlcs.push(`[${group.rows.length},${col},${JSON.stringify(hlc)}]`);
      });
    group.rows.push(`[${JSON.stringify(row.row_id)},${JSON.stringify(row.hlc)},${row.vals}]`);
  }
  const parts = [...groups.values()].map(
    (g) =>
      `{"tbl":${JSON.stringify(g.tbl)},"cols":${JSON.stringify(g.cols.split(','))},` +
      `"rows":[${g.rows.join(',')}]${g.hlcs.length ? `,"hlcs":[${g.hlcs.join(',')}]` : ''}}`,
  );
  const last = rows[rows.length - 1];
  return { json: `[${parts.join(',')}]`, next: more && last ? [last.tbl, last.row_id] : null };
}
