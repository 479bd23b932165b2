// Issue "sync" targets: initial sync of a fresh laptop on the reference dataset (as a ratio to a
// raw bulk INSERT of the same rows, same driver, same run), peak RSS, push throughput with 50
// concurrent simulated laptops on SQLite and PostgreSQL, and A→B propagation latency.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { insertRows, type Row } from '../../db/repositories/write';
import { encodeHlc } from '../../main/domain/hlc';
import { newId } from '../../main/domain/ids';
import { PROTOCOL_VERSION } from '../../main/domain/sync-protocol';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import { openServer, type RunningServer } from '../../server/index';
import { machine, ms, percentile, summary, timed } from './stats';
import { tempDir } from './temp';

const PASSWORD = 'bench password 1';

/** Loads a laptop's project straight into a server's current state, as if it had synced long ago. */
export async function loadServer(
  server: RunningServer,
  app: AppContext,
  projectId: string,
): Promise<number> {
  const knex = server.store.knex;
  let seq = 0;
  const node = 'c0ffee00c0ffee00';
  const stamp = encodeHlc({ millis: Date.now() - 3600_000, counter: 0, node });
  for (const table of SYNCED_TABLES) {
    if (LOCAL_ONLY_TABLES.has(table) || table === 'conflicts') continue;
    const filter = table === 'projects' ? { id: projectId } : { project_id: projectId };
    for (let offset = 0; ; offset += 5000) {
      const rows: Row[] = await app
        .db(table)
        .where(filter)
        .orderBy('id')
        .limit(5000)
        .offset(offset);
      if (!rows.length) break;
      const cells: Row[] = [];
      for (const row of rows) {
        for (const [col, value] of Object.entries(row)) {
          if (col === 'id' || value === null) continue;
          cells.push({
            project_id: projectId,
            tbl: table,
            row_id: row.id as string,
            col,
            value: JSON.stringify(value),
            hlc: stamp,
            seq: ++seq,
            client_id: node,
            user_id: 'bench',
          });
        }
      }
      await knex.transaction(async (trx) => {
        for (let i = 0; i < cells.length; i += 100)
          await trx('cells').insert(cells.slice(i, i + 100));
      });
    }
  }
  await knex('meta')
    .where({ key: 'seq' })
    .update({ value: String(seq) });
  return seq;
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, device_name: 'bench' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** 50 laptops pushing small batches at once for a bounded number of rounds. */
async function pushLoad(server: RunningServer, url: string, label: string): Promise<string> {
  const projectId = newId();
  await server.store.createUser({
    username: `load-${label}`,
    password: PASSWORD,
    memberships: [{ projectId, role: 'engineer' }],
  });
  const token = await login(url, `load-${label}`);
  const CLIENTS = 50;
  const ROUNDS = 20;
  const PER_PUSH = 10;
  const latencies: number[] = [];
  const [total] = await timed(() =>
    Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = (c + 1).toString(16).padStart(16, '0');
        for (let r = 0; r < ROUNDS; r++) {
          const changes = Array.from({ length: PER_PUSH }, (_, i) => {
            const op = r * PER_PUSH + i + 1;
            return {
              op_id: op,
              hlc: encodeHlc({ millis: Date.now(), counter: op, node: client }),
              tbl: 'staff_counts',
              row_id: `${client}-${op}`,
              col: i === 0 ? 'project_id' : 'headcount',
              value: i === 0 ? projectId : op,
              base_hlc: null,
            };
          });
          // Every row needs its project first; give each push's rows one.
          for (const ch of changes) ch.row_id = `${client}-${r}`;
          const [t, res] = await timed(() =>
            fetch(`${url}/projects/${projectId}/push`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
                'x-haitai-protocol': String(PROTOCOL_VERSION),
              },
              body: JSON.stringify({ client_id: client, schema_version: 'bench', changes }),
            }),
          );
          if (res.status !== 200) throw new Error(`push failed: ${res.status}`);
          await res.arrayBuffer();
          latencies.push(t);
        }
      }),
    ),
  );
  const n = CLIENTS * ROUNDS * PER_PUSH;
  const s = summary(latencies);
  return `| ${label} | ${CLIENTS} × ${ROUNDS} pushes of ${PER_PUSH} | ${Math.round(n / (total / 1000)).toLocaleString('en')} changes/s | ${ms(s.p50)} | ${ms(percentile(latencies, 99))} |`;
}

export async function benchSync(): Promise<string> {
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const source = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  const serverDataDir = tempDir();
  let server: RunningServer = Object.assign(await openServer({ dataDir: serverDataDir }), {
    dataDir: serverDataDir,
  });
  let url: string;
  try {
    const ref = await seedReferenceProject(source.db, now);
    const cells = await loadServer(server, source, ref.projectId);
    await server.store.createUser({
      username: 'reader',
      password: PASSWORD,
      memberships: [{ projectId: '*', role: 'viewer' }],
    });

    // A fresh laptop follows the project (snapshot in chunks, then the log), with the server
    // and the laptop each in a process of its own so that each one's peak memory is its own.
    const serverDir = (server as RunningServer & { dataDir?: string }).dataDir!;
    await server.close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/bench/child-server.ts', serverDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout! });
    const next = () =>
      new Promise<Record<string, unknown>>((resolve) =>
        lines.once('line', (l) => resolve(JSON.parse(l) as Record<string, unknown>)),
      );
    const childUrl = (await next()).url as string;
    const laptopRun = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/bench/child-laptop.ts',
        tempDir(),
        childUrl,
        'reader',
        PASSWORD,
        ref.projectId,
      ],
      { encoding: 'utf8' },
    );
    if (laptopRun.status !== 0) throw new Error(`laptop sync failed: ${laptopRun.stderr}`);
    const laptopStats = JSON.parse(laptopRun.stdout.trim().split('\n').pop()!) as {
      ms: number;
      rows: number;
      maxRssMb: number;
    };
    const expected = Number((await source.db('crew_shifts').count({ n: '*' }))[0]!.n);
    if (laptopStats.rows !== expected)
      throw new Error(`fresh laptop holds ${laptopStats.rows} of ${expected} crew records`);
    child.kill('SIGTERM');
    const serverRssMb = (await next()).maxRssMb as number;
    const syncMs = laptopStats.ms;
    server = await openServer({ dataDir: serverDir });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });

    // The raw baseline: the same rows, bulk-inserted through the same driver into an empty app DB.
    const raw = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
    let rows = 0;
    const [rawMs] = await timed(async () => {
      for (const table of SYNCED_TABLES) {
        if (LOCAL_ONLY_TABLES.has(table) || table === 'conflicts') continue;
        const filter = table === 'projects' ? { id: ref.projectId } : { project_id: ref.projectId };
        for (let offset = 0; ; offset += 5000) {
          const batch: Row[] = await source
            .db(table)
            .where(filter)
            .orderBy('id')
            .limit(5000)
            .offset(offset);
          if (!batch.length) break;
          await raw.db.transaction((trx) => insertRows(trx, table, batch));
          rows += batch.length;
        }
      }
    });
    await raw.close();
    const syncRate = cells / (syncMs / 1000);
    const rawCellRate = cells / (rawMs / 1000);

    const loadSqlite = await pushLoad(server, url, 'SQLite');
    let loadPg = '| PostgreSQL | — | not measured: DATABASE_URL unreachable | | |';
    const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `haitai_bench_${Date.now().toString(36)}`;
    const admin = knexFactory({ client: 'pg', connection: pgUrl });
    try {
      await admin.raw(`CREATE SCHEMA "${schema}"`);
      const u = new URL(pgUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const pg = await openServer({ databaseUrl: u.toString() });
      const pgAddress = await pg.app.listen({ host: '127.0.0.1', port: 0 });
      try {
        loadPg = await pushLoad(pg, pgAddress, 'PostgreSQL');
      } finally {
        await pg.close();
      }
    } catch (error) {
      loadPg = `| PostgreSQL | — | not measured: ${(error as Error).message.slice(0, 80)} | | |`;
    } finally {
      await admin.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await admin.destroy();
    }

    // A→B: a write on one laptop, seen on the other through the event stream.
    const projectId = ref.projectId;
    await server.store.createUser({
      username: 'a',
      password: PASSWORD,
      memberships: [{ projectId: '*', role: 'engineer' }],
    });
    const a = await openAppContext({ dataDir: tempDir(), runtime: 'cli' });
    const b = await openAppContext({ dataDir: tempDir(), runtime: 'cli' });
    const small = newId();
    await a.store.write(async (w) => {
      await w.insert('projects', {
        id: small,
        code: 'L',
        name_zh: '延迟',
        name_en: 'Latency',
        timezone: 'Asia/Shanghai',
        is_demo: 0,
        settings: '{}',
      });
      await w.insert('staff_counts', {
        id: small,
        project_id: small,
        site_day: '2023-01-01',
        headcount: 0,
      });
    });
    await a.db('local_settings').insert({ key: 'active_project_id', value: small });
    await a.api['sync:connect']({
      url,
      username: 'a',
      password: PASSWORD,
      deviceName: 'a',
      publish: true,
    });
    await b.api['sync:connect']({
      url,
      username: 'a',
      password: PASSWORD,
      deviceName: 'b',
      projectId: small,
    });
    a.sync.start();
    b.sync.start();
    await new Promise((r) => setTimeout(r, 500));
    const propagation: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const start = process.hrtime.bigint();
      await a.store.write((w) => w.update('staff_counts', small, { headcount: i }));
      for (;;) {
        const row = await b.db('staff_counts').where({ id: small }).first('headcount');
        if (row?.headcount === i) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      propagation.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await a.close();
    await b.close();
    const prop = summary(propagation);
    void projectId;

    return `## Sync (issue 4)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}. Over HTTP on 127.0.0.1; for the initial sync the server and the laptop run as separate processes (each with the TypeScript loader, tsx, in its memory).

**Initial sync of a fresh laptop** (reference dataset: ${cells.toLocaleString('en')} cells in ${rows.toLocaleString('en')} rows, snapshot in chunks of whole rows, then the log):

| measure | value | target |
| --- | --- | --- |
| initial sync, snapshot + log | ${(syncMs / 1000).toFixed(1)} s = **${Math.round(syncRate).toLocaleString('en')} cells/s** (${Math.round(rows / (syncMs / 1000)).toLocaleString('en')} rows/s) | PowerSync documents 2,000–20,000 ops/s |
| raw bulk INSERT of the same rows, same driver, same run | ${(rawMs / 1000).toFixed(1)} s = ${Math.round(rawCellRate).toLocaleString('en')} cells/s (${Math.round(rows / (rawMs / 1000)).toLocaleString('en')} rows/s) | — |
| **ratio** sync ÷ raw | **${(syncRate / rawCellRate).toFixed(2)}** | ≥ 0.5 |
| peak RSS of the laptop process during the initial sync | ${laptopStats.maxRssMb} MB | ≤ 300 MB |
| peak RSS of the server process over the run (started on the loaded database) | ${serverRssMb} MB | ≤ 300 MB |

**Push throughput, 50 concurrent simulated laptops** (each push: one row's project and 9 changes; latency per push):

| server | load | throughput | p50 | p99 |
| --- | --- | --- | --- | --- |
${loadSqlite}
${loadPg}

**A→B propagation** (a write on laptop A until laptop B holds it, with the server's event stream and a 250 ms write debounce on A): p50 ${ms(prop.p50)}, p95 ${ms(prop.p95)}, n = ${prop.n}.
`;
  } finally {
    await server.close();
    await source.close();
  }
}
