// The snapshot chunk a fresh laptop asks for (`format=columns`): rows of one table with the same
// columns grouped together, so that the laptop inserts a group with one statement, and built as
// JSON text from each row's aggregate, kept at push (snapshot-rows.ts), so that the server reads
// and handles a row, not each of its cells, and copies the stored values (JSON already) without
// decoding them.
import type { Knex } from 'knex';
import type { SnapshotRowRecord } from './snapshot-rows';

type StoredRow = Omit<SnapshotRowRecord, 'project_id'>;

interface Group {
  tbl: string;
  cols: string;
  rows: string[];
  hlcs: string[];
}

/** Rows a read asks for per cell still wanted: a row holds about ten cells. */
const CELLS_A_ROW = 8;

/**
 * The stored rows from the cursor on, whole, up to `limit` cells (a row of more cells than that
 * alone), and whether more follow. Each read asks for as many rows as the cells still wanted
 * would fill at CELLS_A_ROW a row, so a chunk takes a read or two and reads few rows it leaves.
 */
async function readRows(
  knex: Knex,
  projectId: string,
  after: [string, string] | null,
  limit: number,
): Promise<{ rows: StoredRow[]; more: boolean }> {
  const rows: StoredRow[] = [];
  let cells = 0;
  let from = after;
  for (;;) {
    const wanted = Math.ceil((limit - cells) / CELLS_A_ROW) + 1;
    const query = knex('snapshot_rows').where({ project_id: projectId });
    // A row-value comparison walks the primary key (project, table, row) from the cursor.
    if (from) query.andWhereRaw('(tbl, row_id) > (?, ?)', from);
    const read: StoredRow[] = await query
      .orderBy([{ column: 'tbl' }, { column: 'row_id' }])
      .limit(wanted)
      .select('tbl', 'row_id', 'n', 'cols', 'vals', 'hlc', 'hlcs');
    for (const row of read) {
      cells += Number(row.n);
      // The row that passes the limit waits for the next chunk, unless it is the chunk's first.
      if (cells > limit && rows.length) return { rows, more: true };
      rows.push(row);
    }
    if (read.length < wanted) return { rows, more: false };
    if (cells >= limit) return { rows, more: true };
    const last = rows[rows.length - 1]!;
    from = [last.tbl, last.row_id];
  }
}

/**
 * A chunk of whole rows from the cursor on, as the `groups` of a SnapshotColumnsResponse in JSON
 * text, and the cursor of the next chunk (null at the end). A row cut by the limit goes in the
 * next chunk, unless it fills this one alone.
 */
export async function snapshotGroupsJson(
  knex: Knex,
  projectId: string,
  after: [string, string] | null,
  limit: number,
): Promise<{ json: string; next: [string, string] | null }> {
  const { rows, more } = await readRows(knex, projectId, after, limit);
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
