// A fresh laptop's first download in its compact form (`format=columns`): the same cells and
// stamps as the row form, on SQLite and PostgreSQL, and the rows a laptop cannot insert as they
// are go cell by cell.
import { describe, expect, it } from 'vitest';
import { applyRemoteCells } from '../../../db/repositories/remote-apply';
import { applySnapshotGroups } from '../../../db/repositories/snapshot-apply';
import { readTableInfo } from '../../../db/repositories/sync-repository';
import { encodeHlc } from '../../../main/domain/hlc';
import { newId } from '../../../main/domain/ids';
import {
  PROTOCOL_VERSION,
  type SnapshotColumnsResponse,
  type SnapshotResponse,
} from '../../../main/domain/sync-protocol';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import {
  PASSWORD,
  SERVER_KINDS,
  startSyncServer,
  type TestServer,
} from '../../helpers/sync-server';

/** A published demo project with cells of their own stamp and a null written on purpose. */
async function published(s: TestServer) {
  await s.addUser('li', 'manager');
  const a = await laptop({ demo: true });
  await connect(a, s.url, 'li', true);
  const projectId = (await a.api['project:get']({})).id;
  const panel = (await a.db('panels').where({ project_id: projectId }).first('id')).id as string;
  await a.store.write((w) => w.update('panels', panel, { cage_weight_t: null, code: 'Z9' }));
  await a.sync.syncNow();
  return { a, projectId, panel };
}

async function chunks<T extends { cursor: string | null }>(
  s: TestServer,
  projectId: string,
  format: 'rows' | 'columns',
): Promise<T[]> {
  const login = await fetch(`${s.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'li', password: PASSWORD, device_name: 'test' }),
  });
  const { token } = (await login.json()) as { token: string };
  const pages: T[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '700', format });
    if (cursor) query.set('cursor', cursor);
    const res = await fetch(`${s.url}/projects/${projectId}/snapshot?${query}`, {
      headers: { authorization: `Bearer ${token}`, 'x-haitai-protocol': String(PROTOCOL_VERSION) },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as T;
    pages.push(page);
    cursor = page.cursor;
  } while (cursor);
  return pages;
}

describe.each(SERVER_KINDS)('the compact snapshot on %s', (_name, options) => {
  it('carries exactly the cells and stamps of the row snapshot, whole rows per chunk', async () => {
    const s = await startSyncServer(await options());
    const { projectId } = await published(s);
    const rows = await chunks<SnapshotResponse>(s, projectId, 'rows');
    const columns = await chunks<SnapshotColumnsResponse>(s, projectId, 'columns');
    expect(columns.length).toBeGreaterThan(3);

    const fromRows = rows.flatMap((p) =>
      p.rows.flatMap((r) =>
        Object.entries(r.values).map(
          ([col, value]) =>
            `${r.tbl}|${r.row_id}|${col}|${JSON.stringify(value)}|${r.hlcs?.[col] ?? r.hlc}`,
        ),
      ),
    );
    const seen: string[] = [];
    const fromColumns = columns.flatMap((p) =>
      p.groups.flatMap((g) => {
        const own = new Map((g.hlcs ?? []).map(([r, c, hlc]) => [`${r}:${c}`, hlc]));
        return g.rows.flatMap(([rowId, hlc, ...values], r) => {
          seen.push(`${g.tbl}|${rowId}`);
          return g.cols.map(
            (col, c) =>
              `${g.tbl}|${rowId}|${col}|${JSON.stringify(values[c])}|${own.get(`${r}:${c}`) ?? hlc}`,
          );
        });
      }),
    );
    expect(fromColumns.sort()).toEqual(fromRows.sort());
    // The first chunk says how many cells the whole snapshot holds (the laptop's progress).
    expect(columns[0]!.total).toBe(fromRows.length);
    expect(rows[0]!.total).toBe(fromRows.length);
    expect(fromColumns.some((c) => c.includes('|cage_weight_t|null|'))).toBe(true);
    expect(columns.some((p) => p.groups.some((g) => g.hlcs?.length))).toBe(true);
    // No row is split between chunks, and a chunk holds at most the cells asked for.
    expect(new Set(seen).size).toBe(seen.length);
    for (const page of columns)
      expect(
        page.groups.reduce((n, g) => n + g.rows.length * g.cols.length, 0),
      ).toBeLessThanOrEqual(700);
    expect(
      columns
        .slice(0, -1)
        .every((p) => p.groups.reduce((n, g) => n + g.rows.length * g.cols.length, 0) > 600),
    ).toBe(true);
  });

  it('gives a fresh laptop the same rows, and every cell the server’s stamp', async () => {
    const s = await startSyncServer(await options());
    const { a, projectId, panel } = await published(s);
    await s.addUser('wang', 'viewer');
    const b = await laptop();
    await connect(b, s.url, 'wang', false, projectId);
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));

    const cells: { tbl: string; row_id: string; col: string; hlc: string }[] = await s.server.store
      .knex('cells')
      .where({ project_id: projectId })
      .select('tbl', 'row_id', 'col', 'hlc');
    const versions = new Map<string, string>();
    for (const v of await b.db('row_versions').select('tbl', 'row_id', 'hlc'))
      versions.set(`${v.tbl}|${v.row_id}`, v.hlc);
    const own = new Map<string, string>();
    for (const v of await b.db('cell_versions').select('tbl', 'row_id', 'col', 'hlc'))
      own.set(`${v.tbl}|${v.row_id}|${v.col}`, v.hlc);
    const wrong = cells.filter(
      (c) =>
        (own.get(`${c.tbl}|${c.row_id}|${c.col}`) ?? versions.get(`${c.tbl}|${c.row_id}`)) !==
        c.hlc,
    );
    expect(cells.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
    // The null written on purpose has a version of its own.
    expect(own.has(`panels|${panel}|cage_weight_t`)).toBe(true);
  });
});

describe('applying a compact chunk', () => {
  /** The columns of a team a laptop needs to create one (every required one). */
  const cols = [
    'project_id',
    'code',
    'name_zh',
    'name_en',
    'sort_order',
    'created_at',
    'updated_at',
  ];

  it('sends a row already here, an unknown column and a row missing a required one cell by cell', async () => {
    const l = await laptop();
    const p = await tinyProject(l);
    const info = await readTableInfo(l.db);
    const required = info.get('teams')!.required;
    expect(required).toContain('code');
    const newer = encodeHlc({ millis: Date.now() + 60_000, counter: 0, node: 'feedfeedfeedfeed' });
    const here = p.teamIds[0]!;
    const fresh = newId();
    const future = newId();
    const partial = newId();
    const team = (id: string, code: string) =>
      [
        id,
        newer,
        p.projectId,
        code,
        '班',
        'Team',
        9,
        '2027-01-01T00:00:00Z',
        '2027-01-01T00:00:00Z',
      ] as [string, string, ...(string | number)[]];
    expect(cols.filter((c) => info.get('teams')!.columns.has(c))).toEqual(cols);
    expect(required.every((c) => cols.includes(c))).toBe(true);
    const result = await l.db.transaction((trx) =>
      applySnapshotGroups(
        trx,
        [
          { tbl: 'teams', cols, rows: [team(here, 'renamed'), team(fresh, 'new')] },
          {
            tbl: 'teams',
            cols: [...cols, 'future_col'],
            rows: [[...team(future, 'future'), 'x'] as [string, string, ...string[]]],
          },
          { tbl: 'teams', cols: ['project_id'], rows: [[partial, newer, p.projectId]] },
        ],
        info,
      ),
    );
    const teams = await l.db('teams').whereIn('id', [here, fresh, future, partial]);
    const code = (id: string) => teams.find((t) => t.id === id)?.code as string | undefined;
    expect(code(here)).toBe('renamed');
    expect(code(fresh)).toBe('new');
    expect(code(future)).toBe('future');
    expect(code(partial)).toBeUndefined();
    expect(result.keptAside).toBe(1);
    const aside = await l.db('sync_pending').select('row_id', 'col');
    expect(aside).toEqual(expect.arrayContaining([{ row_id: future, col: 'future_col' }]));
    expect(await l.db('row_versions').where({ tbl: 'teams', row_id: fresh }).first('hlc')).toEqual({
      hlc: newer,
    });
  });

  it('stores every kind of value as the cell-by-cell path does', async () => {
    const l = await laptop();
    const p = await tinyProject(l);
    const info = await readTableInfo(l.db);
    const hlc = encodeHlc({ millis: Date.now(), counter: 0, node: 'feedfeedfeedfeed' });
    const texts = [
      '',
      'say "hi"',
      'back\\slash',
      'line\nbreak\ttab',
      '隧道 🚇',
      '[1,2]',
      '{"a":1}',
      'null',
    ];
    // Every integer the schema allows a team's order to be, to its bounds.
    const numbers = [0, -7, 1_000_000, -1_000_000, 1, 999_999, 9, 12];
    const values = (i: number) => [
      p.projectId,
      `C${i}`,
      texts[i]!,
      texts[texts.length - 1 - i]!,
      numbers[i]!,
      '2027-01-01T00:00:00.000Z',
      '2027-01-02T00:00:00.000Z',
    ];
    const bulk = texts.map(() => newId());
    const cellWise = texts.map(() => newId());
    await l.db.transaction(async (trx) => {
      const result = await applySnapshotGroups(
        trx,
        [{ tbl: 'teams', cols, rows: bulk.map((id, i) => [id, hlc, ...values(i)]) }],
        info,
      );
      expect(result.applied).toBe(texts.length * cols.length);
      await applyRemoteCells(
        trx,
        cellWise.flatMap((id, i) =>
          cols.map((col, c) => ({ tbl: 'teams', row_id: id, col, value: values(i)[c]!, hlc })),
        ),
        info,
      );
    });
    const read = async (ids: string[]) => {
      const rows: Record<string, unknown>[] = await l
        .db('teams')
        .whereIn('id', ids)
        .select(
          l.db.raw(
            'name_zh, typeof(name_zh) AS tz, name_en, typeof(name_en) AS te, sort_order, typeof(sort_order) AS ts',
          ),
          'code',
        );
      return rows.sort((a, b) => String(a.code).localeCompare(String(b.code)));
    };
    const stored = await read(bulk);
    expect(stored.map((r) => r.name_zh)).toEqual(texts);
    expect(stored.map((r) => r.sort_order)).toEqual(numbers);
    expect(stored).toEqual(await read(cellWise));
  });

  it('sets a value the schema refuses aside, never into the row', async () => {
    const l = await laptop();
    const p = await tinyProject(l);
    const info = await readTableInfo(l.db);
    const hlc = encodeHlc({ millis: Date.now(), counter: 0, node: 'feedfeedfeedfeed' });
    const [good, bad] = [newId(), newId()];
    const at = '2027-01-01T00:00:00.000Z';
    const row = (id: string, order: number): [string, string, ...(string | number)[]] => [
      id,
      hlc,
      p.projectId,
      id.slice(-6),
      '班',
      'T',
      order,
      at,
      at,
    ];
    await l.db.transaction((trx) =>
      applySnapshotGroups(
        trx,
        [{ tbl: 'teams', cols, rows: [row(good, 3), row(bad, 3e20)] }],
        info,
      ),
    );
    // The refused value never lands: the row stands with its other cells, the value waits aside.
    const orders = await l.db('teams').whereIn('id', [good, bad]).select('id', 'sort_order');
    expect(Object.fromEntries(orders.map((t) => [t.id, t.sort_order]))).toEqual({
      [good]: 3,
      [bad]: 0,
    });
    expect(
      await l.db('sync_pending').where({ row_id: bad, reason: 'invalid' }).pluck('col'),
    ).toEqual(['sort_order']);
  });
});
