// Reading a project's log: changes since a position, the snapshot of its cells in chunks of
// whole rows, and what the server last acknowledged of a client.
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import type { CellValue, ServerChange, SnapshotRow } from '../main/domain/sync-protocol';
import { snapshotGroupsJson } from './snapshot-columns';
import type { ServerStore } from './store';

const decode = (text: string | null): CellValue =>
  text === null ? null : (JSON.parse(text) as CellValue);

/** The (table, row) a snapshot chunk ended at, from its opaque cursor; refused when malformed. */
export function parseSnapshotCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((x) => typeof x === 'string'))
      return parsed as [string, string];
  } catch {
    // falls through to the refusal
  }
  throw new AppError('input.invalid', {
    issues: [{ path: 'cursor', message: 'not a snapshot cursor' }],
  });
}

type CellRow = Record<string, string | null>;

/** Whole rows only: a row cut by the limit goes in the next chunk (unless it fills one alone). */
export function wholeRows(cells: CellRow[], limit: number): { page: CellRow[]; more: boolean } {
  const more = cells.length > limit;
  let page = cells.slice(0, limit);
  if (more) {
    const cut = cells[limit]!;
    const trimmed = page.filter((c) => !(c.tbl === cut.tbl && c.row_id === cut.row_id));
    if (trimmed.length) page = trimmed;
  }
  return { page, more };
}

/** Cells, ordered by table, row and column, grouped into rows; a cell's own stamp only if it differs. */
export function cellsToRows(cells: CellRow[]): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const c of cells) {
    let row = rows[rows.length - 1];
    if (!row || row.tbl !== c.tbl || row.row_id !== c.row_id) {
      row = { tbl: c.tbl!, row_id: c.row_id!, hlc: c.hlc!, values: {} };
      rows.push(row);
    }
    row.values[c.col!] = decode(c.value ?? null);
    if (c.hlc! !== row.hlc) (row.hlcs ??= {})[c.col!] = c.hlc!;
  }
  return rows;
}

const encodeCursor = (tbl: string, rowId: string) =>
  Buffer.from(JSON.stringify([tbl, rowId])).toString('base64url');

export function logReads(
  knex: Knex,
  log: { epoch: string; now: () => number; maxSeq: () => Promise<number> },
): Pick<ServerStore, 'pull' | 'snapshot' | 'snapshotColumns' | 'clientState'> {
  const { epoch, now, maxSeq } = log;
  // A project's cells, counted from its rows' aggregates: a tenth of the rows to read.
  const count = async (projectId: string) =>
    Number(
      (await knex('snapshot_rows').where({ project_id: projectId }).sum({ n: 'n' }))[0]!.n ?? 0,
    );
  return {
    async pull(projectId, since, limit) {
      const rows = await knex('changes')
        .where({ project_id: projectId })
        .andWhere('seq', '>', since)
        .orderBy('seq')
        .limit(limit + 1)
        .select('seq', 'client_id', 'hlc', 'tbl', 'row_id', 'col', 'value');
      const page = rows
        .slice(0, limit)
        .map((r: Record<string, string | number | null>): ServerChange => ({
          seq: Number(r.seq),
          client_id: r.client_id as string,
          hlc: r.hlc as string,
          tbl: r.tbl as string,
          row_id: r.row_id as string,
          col: r.col as string,
          value: decode(r.value as string | null),
        }));
      return {
        changes: page,
        next: page.length ? page[page.length - 1]!.seq : since,
        has_more: rows.length > limit,
        max_seq: await maxSeq(),
        epoch,
        server_time: now(),
      };
    },

    async snapshot(projectId, asOf, cursor, limit) {
      const position = asOf ?? (await maxSeq());
      const after = cursor ? parseSnapshotCursor(cursor) : null;
      const query = knex('cells').where({ project_id: projectId });
      // A row-value comparison walks the primary key (project, table, row, column) from the cursor.
      if (after) query.andWhereRaw('(tbl, row_id) > (?, ?)', after);
      const cells: CellRow[] = await query
        .orderBy([{ column: 'tbl' }, { column: 'row_id' }, { column: 'col' }])
        .limit(limit + 1)
        .select('tbl', 'row_id', 'col', 'value', 'hlc');
      const { page, more } = wholeRows(cells, limit);
      const rows = cellsToRows(page);
      const last = rows[rows.length - 1];
      return {
        as_of: position,
        rows,
        cursor: more && last ? encodeCursor(last.tbl, last.row_id) : null,
        total: cursor ? -1 : await count(projectId),
        epoch,
      };
    },

    async snapshotColumns(projectId, asOf, cursor, limit) {
      const position = asOf ?? (await maxSeq());
      const after = cursor ? parseSnapshotCursor(cursor) : null;
      const { json, next } = await snapshotGroupsJson(knex, projectId, after, limit);
      const head = {
        as_of: position,
        cursor: next ? encodeCursor(...next) : null,
        total: cursor ? -1 : await count(projectId),
        epoch,
      };
      return `${JSON.stringify(head).slice(0, -1)},"groups":${json}}`;
    },

    async clientState(projectId, clientId) {
      const row = await knex('changes')
        .where({ project_id: projectId, client_id: clientId })
        .max({ m: 'op_id' })
        .first();
      return { last_op_id: Number(row?.m ?? 0), max_seq: await maxSeq(), epoch };
    },
  };
}
