// Reading a project's log: changes since a position, the snapshot of its cells in chunks of
// whole rows, and what the server last acknowledged of a client.
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import type { Authors, CellValue, ServerChange, SnapshotRow } from '../main/domain/sync-protocol';
import { lastOpOf } from './client-acks';
import { snapshotGroupsJson } from './snapshot-columns';
import type { ServerStore } from './store-types';

const decode = (text: string | null): CellValue =>
  text === null ? null : (JSON.parse(text) as CellValue);

/** A row of the log as a laptop reads it. */
export const toServerChange = (r: Record<string, unknown>): ServerChange => ({
  seq: Number(r.seq),
  client_id: r.client_id as string,
  hlc: r.hlc as string,
  tbl: r.tbl as string,
  row_id: r.row_id as string,
  col: r.col as string,
  value: decode(r.value as string | null),
  user_id: r.user_id as string,
});

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

/** The display names of these users, from the server's accounts (the server's own rows: none). */
async function authorsOf(knex: Knex, userIds: Iterable<string>): Promise<Authors> {
  const ids = [...new Set(userIds)].filter((id) => id !== 'server');
  const authors: Authors = {};
  for (let i = 0; i < ids.length; i += 500)
    for (const u of (await knex('users')
      .whereIn('id', ids.slice(i, i + 500))
      .select('id', 'display_name')) as { id: string; display_name: string }[])
      authors[u.id] = u.display_name;
  return authors;
}

/** Everyone who has written to a project, by name: what a fresh laptop's first chunk carries. */
async function projectAuthors(knex: Knex, projectId: string): Promise<Authors> {
  const ids = (await knex('cells')
    .where({ project_id: projectId })
    .distinct('user_id')
    .pluck('user_id')) as string[];
  return authorsOf(knex, ids);
}

/** A page of a project's log after `since`, and whether more follows. */
async function changesAfter(
  knex: Knex,
  projectId: string,
  since: number,
  limit: number,
): Promise<{ page: ServerChange[]; more: boolean }> {
  const rows = await knex('changes')
    .where({ project_id: projectId })
    .andWhere('seq', '>', since)
    .orderBy('seq')
    .limit(limit + 1)
    .select('seq', 'client_id', 'hlc', 'tbl', 'row_id', 'col', 'value', 'user_id');
  const page = (rows as Record<string, unknown>[]).slice(0, limit).map(toServerChange);
  return { page, more: rows.length > limit };
}

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
      const { page, more } = await changesAfter(knex, projectId, since, limit);
      return {
        changes: page,
        authors: await authorsOf(
          knex,
          page.map((c) => c.user_id),
        ),
        next: page.length ? page[page.length - 1]!.seq : since,
        has_more: more,
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
        ...(cursor ? {} : { authors: await projectAuthors(knex, projectId) }),
      };
      return `${JSON.stringify(head).slice(0, -1)},"groups":${json}}`;
    },

    async clientState(projectId, clientId) {
      return {
        last_op_id: await lastOpOf(knex, projectId, clientId),
        max_seq: await maxSeq(),
        epoch,
      };
    },
  };
}
