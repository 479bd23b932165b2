// Each row's aggregate, which the snapshot reads, is kept with its cells: after pushes that
// insert and update, from two laptops, on SQLite and PostgreSQL, it is what
// aggregating the cells afresh gives; a push's refresh on SQLite reads the cells of the rows it
// changed, not the project's; and the migration that brings it fills it from the cells an
// upgraded server already holds.
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { SERVER_MIGRATIONS, serverMigrations } from '../../../server/schema';
import {
  rebuildSnapshotRows,
  refreshSnapshotRows,
  type SnapshotRowRecord as Stored,
} from '../../../server/snapshot-rows';
import { connect, laptop } from '../../helpers/laptops';
import { freshPostgresUrl } from '../../helpers/postgres';
import { SERVER_KINDS, startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

/** Every stored row as "project|table|row" → column → [value, stamp], in no particular order. */
async function storedRows(knex: Knex) {
  const out = new Map<string, Record<string, [unknown, string]>>();
  for (const r of (await knex('snapshot_rows').select()) as Stored[]) {
    const cols = r.cols.split(',');
    const values = JSON.parse(`[${r.vals}]`) as unknown[];
    const stamps = r.hlcs === null ? cols.map(() => r.hlc) : r.hlcs.split(',');
    expect(Number(r.n)).toBe(cols.length);
    expect(stamps.reduce((a, b) => (b > a ? b : a))).toBe(r.hlc);
    out.set(
      `${r.project_id}|${r.tbl}|${r.row_id}`,
      Object.fromEntries(cols.map((c, i) => [c, [values[i], stamps[i]!]])),
    );
  }
  return out;
}

/** The cells themselves, in the same form. */
async function cellRows(knex: Knex) {
  const out = new Map<string, Record<string, [unknown, string]>>();
  const cells: (Omit<Stored, 'n' | 'cols' | 'vals' | 'hlcs'> & {
    col: string;
    value: string | null;
  })[] = await knex('cells').select();
  for (const c of cells) {
    const key = `${c.project_id}|${c.tbl}|${c.row_id}`;
    out.set(key, { ...out.get(key), [c.col]: [JSON.parse(c.value ?? 'null'), c.hlc] });
  }
  return out;
}

describe.each(SERVER_KINDS)('the rows’ aggregates on %s', (_name, options) => {
  it('follow inserts and updates, as aggregating the cells afresh does', async () => {
    const s = await startSyncServer(await options());
    await s.addUser('li', 'manager');
    await s.addUser('wang', 'manager');
    const a = await laptop({ demo: true });
    await connect(a, s.url, 'li', true);
    const projectId = (await a.api['project:get']({})).id;
    const b = await laptop();
    await connect(b, s.url, 'wang', false, projectId);
    const panel = (await a.db('panels').where({ project_id: projectId }).first('id')).id as string;
    // Both change the same panel, one after the other.
    await a.store.write((w) => w.update('panels', panel, { code: 'A1', cage_weight_t: null }));
    await b.store.write((w) => w.update('panels', panel, { code: 'B1' }));
    await a.sync.syncNow();
    await b.sync.syncNow();

    const knex = s.server.store.knex;
    const stored = await storedRows(knex);
    expect(stored.size).toBeGreaterThan(100);
    expect(stored).toEqual(await cellRows(knex));
    expect(stored.get(`${projectId}|panels|${panel}`)?.code?.[0]).toBe('B1');
    expect(stored.get(`${projectId}|panels|${panel}`)?.cage_weight_t?.[0]).toBeNull();
    await rebuildSnapshotRows(knex, projectId);
    expect(await storedRows(knex)).toEqual(stored);
  });
});

describe('a push’s refresh on SQLite', () => {
  it('reads the cells of the rows it changed, not every cell of the project', async () => {
    const knex = createSqliteKnex({ filename: path.join(tempDir(), 'server.sqlite') });
    try {
      await knex.migrate.latest(serverMigrations());
      const sql: { sql: string; bindings: Knex.RawBinding[] }[] = [];
      knex.on('query', (q: { sql: string; bindings: Knex.RawBinding[] }) => sql.push(q));
      await knex.transaction((trx) =>
        refreshSnapshotRows(trx, 'sqlite', 'p1', [
          ['panels', 'r1'],
          ['panels', 'r2'],
        ]),
      );
      const refresh = sql.find((q) => q.sql.includes('INSERT INTO snapshot_rows'))!;
      const plan: { detail: string }[] = await knex.raw(
        `EXPLAIN QUERY PLAN ${refresh.sql}`,
        refresh.bindings,
      );
      const steps = plan.map((p) => p.detail);
      // The changed keys are the outer loop; each finds its cells through the whole primary key.
      expect(steps.findIndex((d) => /VALUES/.test(d))).toBeLessThan(
        steps.findIndex((d) => /cells/.test(d)),
      );
      expect(steps.filter((d) => /cells/.test(d))).toEqual([
        expect.stringMatching(/SEARCH cells .*\(project_id=\? AND tbl=\? AND row_id=\?\)/),
      ]);
    } finally {
      await knex.destroy();
    }
  });
});

describe('the migration that brings the aggregates', () => {
  it.each([
    ['SQLite', async () => createSqliteKnex({ filename: path.join(tempDir(), 'server.sqlite') })],
    ['PostgreSQL', async () => knexFactory({ client: 'pg', connection: await freshPostgresUrl() })],
  ])('fills them from the cells a %s server holds', async (_name, open) => {
    const knex = await open();
    try {
      await knex.migrate.latest(
        serverMigrations(SERVER_MIGRATIONS.filter((m) => m.name < '20261205100000')),
      );
      const cells = ['p1', 'p2'].flatMap((project_id) =>
        ['r1', 'r2', 'r3'].flatMap((row_id, r) =>
          ['code', 'depth_m', 'notes'].map((col, c) => ({
            project_id,
            tbl: 'panels',
            row_id,
            col,
            value: c === 2 && r === 1 ? null : JSON.stringify(`${project_id}-${row_id}-${col}`),
            hlc: `0000000000001-000${c === 1 && r === 2 ? 1 : 0}-node`,
            seq: r * 3 + c + 1,
            client_id: 'c',
            user_id: 'u',
          })),
        ),
      );
      await knex('cells').insert(cells);
      await knex.migrate.latest(serverMigrations());
      const stored = await storedRows(knex);
      expect(stored.size).toBe(6);
      expect(stored).toEqual(await cellRows(knex));
    } finally {
      await knex.destroy();
    }
  });
});
