// Issue "performance" targets for a fresh laptop's initial sync of the reference dataset: side by
// side with PouchDB replicating the same rows and with a knex batched INSERT of them (same run),
// how cost grows at 2× and 4× the dataset, and ten fresh laptops at once on SQLite and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { insertRows, type Row } from '../../db/repositories/write';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import { applySnapshotGroups } from '../../db/repositories/snapshot-apply';
import { readTableInfo } from '../../db/repositories/sync-repository';
import type { SnapshotColumnsResponse } from '../../main/domain/sync-protocol';
import { SNAPSHOT_LIMIT } from '../../main/sync/steps';
import { openServer, type RunningServer } from '../../server/index';
import { rebuildSnapshotRows } from '../../server/snapshot-rows';
import { runChild, startChild, type Message } from './children';
import { loadServer } from './sync.bench';
import { withBenchSchema } from './postgres';
import { machine, percentile, timed, verdict } from './stats';
import { tempDir } from './temp';

const PASSWORD = 'bench password 1';
const RUNS = 3;

interface LaptopRun {
  startedAt: number;
  endedAt: number;
  ms: number;
  cpuMs: number;
  rows: number;
  maxRssMb: number;
}

const median = (xs: number[]) => percentile(xs, 50);
const step = (what: string) =>
  process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${what}\n`);
const n = (x: number) => Math.round(x).toLocaleString('en');
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Every synced row of the project, table by table. */
async function projectRows(app: AppContext, projectId: string): Promise<[string, Row[]][]> {
  const out: [string, Row[]][] = [];
  for (const table of SYNCED_TABLES) {
    if (LOCAL_ONLY_TABLES.has(table) || table === 'conflicts') continue;
    const filter = table === 'projects' ? { id: projectId } : { project_id: projectId };
    out.push([table, await app.db(table).where(filter).orderBy('id')]);
  }
  return out;
}

/** A server's data with the reference project and a reader, in a folder or in PostgreSQL. */
async function loadedServer(
  where: { dataDir: string } | { databaseUrl: string },
  source: AppContext,
  projectId: string,
): Promise<number> {
  const server: RunningServer = await openServer(where);
  try {
    const cells = await loadServer(server, source, projectId);
    // Fresh statistics, as autovacuum keeps them on a server in use: without them PostgreSQL
    // plans a chunk read as a sort of the whole project.
    if ('databaseUrl' in where) await server.store.knex.raw('ANALYZE cells');
    await server.store.createUser({
      username: 'reader',
      password: PASSWORD,
      memberships: [{ projectId: '*', role: 'viewer' }],
    });
    return cells;
  } finally {
    await server.close();
  }
}

/**
 * A server folder holding k copies of the project's rows within the project (ids and codes
 * suffixed ~2, ~3…, so they stay distinct; the per-day rows of staff counts and logs once).
 */
async function scaledServer(from: string, projectId: string, k: number): Promise<string> {
  const dir = tempDir();
  fs.cpSync(from, dir, { recursive: true });
  const server = await openServer({ dataDir: dir });
  try {
    const knex = server.store.knex;
    const top = Number((await knex('cells').max({ m: 'seq' }))[0]!.m);
    for (let j = 2; j <= k; j++)
      await knex.raw(
        `INSERT INTO cells (project_id, tbl, row_id, col, value, hlc, seq, client_id, user_id)
         SELECT project_id, tbl, row_id || '~' || ?, col,
           CASE WHEN (col LIKE '%\\_id' ESCAPE '\\' AND col <> 'project_id') OR col = 'code'
             THEN json_quote(json_extract(value, '$') || '~' || ?) ELSE value END,
           hlc, seq + ? * ?, client_id, user_id
         FROM cells WHERE project_id = ? AND row_id NOT LIKE '%~%'
           AND tbl NOT IN ('projects', 'staff_counts', 'daily_logs')`,
        [j, j, j - 1, top, projectId],
      );
    await knex('meta')
      .where({ key: 'seq' })
      .update({ value: String(top * k) });
    await rebuildSnapshotRows(knex, projectId);
  } finally {
    await server.close();
  }
  return dir;
}

/** One server process and `laptops` fresh laptops at once, each in a process of its own. */
async function syncLaptops(
  where: string,
  projectId: string,
  laptops: number,
): Promise<{ runs: LaptopRun[]; server: Message; wallMs: number }> {
  const server = startChild('tests/bench/child-server.ts', [where]);
  const { url, cpuMs } = (await server.next()) as { url: string; cpuMs: number };
  try {
    const runs = (await Promise.all(
      Array.from({ length: laptops }, () =>
        runChild('tests/bench/child-laptop.ts', [tempDir(), url, 'reader', PASSWORD, projectId]),
      ),
    )) as unknown as LaptopRun[];
    const wallMs =
      Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt));
    const stopped = await server.stop();
    // The server's CPU while it served, without its start.
    return { runs, server: { ...stopped, cpuMs: (stopped.cpuMs as number) - cpuMs }, wallMs };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

/** A fresh snapshot's chunks as the server sends them, read in-process, as JSON text. */
async function snapshotChunks(serverDir: string, projectId: string): Promise<string[]> {
  const server = await openServer({ dataDir: serverDir });
  try {
    const chunks: string[] = [];
    let cursor: string | null = null;
    let asOf: number | undefined;
    do {
      const text = await server.store.snapshotColumns(
        projectId,
        asOf,
        cursor ?? undefined,
        SNAPSHOT_LIMIT,
      );
      chunks.push(text);
      ({ cursor, as_of: asOf } = JSON.parse(text) as SnapshotColumnsResponse);
    } while (cursor);
    return chunks;
  } finally {
    await server.close();
  }
}

/**
 * The laptop's apply alone: the same chunks into an empty app database, one transaction each,
 * timed without the parsing (each chunk is parsed just before, so only one is held parsed).
 */
async function applyAlone(chunks: string[]): Promise<number> {
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'cli' });
  try {
    const info = await readTableInfo(app.db);
    let total = 0;
    for (const text of chunks) {
      const { groups } = JSON.parse(text) as SnapshotColumnsResponse;
      const [ms] = await timed(() =>
        app.db.transaction((trx) => applySnapshotGroups(trx, groups, info)),
      );
      total += ms;
    }
    return total;
  } finally {
    await app.close();
  }
}

/** PouchDB replicating the same rows as documents, default settings and a batch of 1,000. */
async function pouchReplication(rows: [string, Row[]][]) {
  const dir = tempDir();
  const file = path.join(dir, 'docs.ndjson');
  const out = fs.openSync(file, 'w');
  for (const [table, list] of rows)
    for (const { id, ...fields } of list)
      fs.writeSync(out, `${JSON.stringify({ _id: `${table}:${String(id)}`, ...fields })}\n`);
  fs.closeSync(out);
  const server = startChild('tests/bench/child-pouch.ts', ['server', tempDir(), file]);
  const { url } = (await server.next()) as { url: string };
  try {
    const run = async (batch: string) =>
      (await runChild('tests/bench/child-pouch.ts', ['laptop', tempDir(), url, batch])) as {
        ms: number;
        docs: number;
        maxRssMb: number;
      };
    return { byDefault: await run('default'), tuned: await run('1000') };
  } finally {
    await server.stop();
  }
}

export async function benchInitialSync(): Promise<string> {
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const source = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  try {
    const { projectId } = await seedReferenceProject(source.db, now);
    const rows = await projectRows(source, projectId);
    const rowCount = rows.reduce((sum, [, list]) => sum + list.length, 0);
    const serverDir = tempDir();
    const cells = await loadedServer({ dataDir: serverDir }, source, projectId);

    step('server loaded');
    // The app, the knex baseline and the app's apply alone, alternately, RUNS times each.
    const app: LaptopRun[] = [];
    const knexMs: number[] = [];
    const aloneMs: number[] = [];
    const chunks = await snapshotChunks(serverDir, projectId);
    for (let i = 0; i < RUNS; i++) {
      const { runs } = await syncLaptops(serverDir, projectId, 1);
      if (runs[0]!.rows !== rowCount)
        throw new Error(`fresh laptop holds ${runs[0]!.rows} of ${rowCount} rows`);
      app.push(runs[0]!);
      const raw = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
      const [t] = await timed(async () => {
        for (const [table, list] of rows)
          for (let at = 0; at < list.length; at += 5000)
            await raw.db.transaction((trx) => insertRows(trx, table, list.slice(at, at + 5000)));
      });
      knexMs.push(t);
      await raw.close();
      aloneMs.push(await applyAlone(chunks));
    }
    step('app and knex measured');
    const pouch = await pouchReplication(rows);
    step('PouchDB measured');
    const appMs = median(app.map((r) => r.ms));
    const rate = rowCount / (appMs / 1000);
    const knexRate = rowCount / (median(knexMs) / 1000);
    const aloneRate = rowCount / (median(aloneMs) / 1000);
    const pouchRate = pouch.byDefault.docs / (pouch.byDefault.ms / 1000);
    const tunedRate = pouch.tuned.docs / (pouch.tuned.ms / 1000);
    const laptopPeak = Math.max(...app.map((r) => r.maxRssMb));

    // How cost grows: 1×, 2× and 4× the rows.
    const growth: string[] = [];
    let firstRate = 0;
    let lastRate = 0;
    for (const k of [1, 2, 4]) {
      const dir = k === 1 ? serverDir : await scaledServer(serverDir, projectId, k);
      const { runs, server } = await syncLaptops(dir, projectId, 1);
      const r = runs[0]!;
      const kRate = r.rows / (r.ms / 1000);
      if (k === 1) firstRate = kRate;
      lastRate = kRate;
      growth.push(
        `| ${k}× | ${n(r.rows)} | ${s1(r.ms)} | ${n(kRate)} | ${r.maxRssMb} MB | ${server.maxRssMb as number} MB | ${s1(server.cpuMs as number)} |`,
      );
    }
    const drop = 1 - lastRate / firstRate;

    step('growth measured');
    // Ten fresh laptops at once, on SQLite and on PostgreSQL.
    const ten: string[] = [];
    const tenOn = async (label: string, where: string) => {
      const { runs, server, wallMs } = await syncLaptops(where, projectId, 10);
      if (runs.some((r) => r.rows !== rowCount)) throw new Error(`${label}: a laptop is short`);
      ten.push(
        `| ${label} | ${s1(wallMs)} | ${n((rowCount * 10) / (wallMs / 1000))} | ${s1(median(runs.map((r) => r.ms)))} | ${server.maxRssMb as number} MB ${(server.maxRssMb as number) <= 500 ? '(met)' : '(**not met**)'} | ${s1(server.cpuMs as number)} | ${Math.max(...runs.map((r) => r.maxRssMb))} MB |`,
      );
    };
    await tenOn('SQLite', serverDir);
    try {
      await withBenchSchema(async (databaseUrl) => {
        await loadedServer({ databaseUrl }, source, projectId);
        step('PostgreSQL loaded');
        await tenOn('PostgreSQL', databaseUrl);
      });
    } catch (error) {
      ten.push(`| PostgreSQL | not measured: ${(error as Error).message.slice(0, 80)} | | | | | |`);
    }

    return `## Initial sync (issue 16)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}. A fresh laptop follows the reference project (${n(cells)} cells in ${n(rowCount)} rows) over HTTP on 127.0.0.1, the server and each laptop in a process of its own (each with the TypeScript loader, tsx, in its memory). The app's figure and the knex figure are medians of ${RUNS} alternating runs.

**Side by side, same rows, same run:**

| measure | time | rows/s | ratio of the app to it | target |
| --- | --- | --- | --- | --- |
| **this app's initial sync** (snapshot in chunks of 20,000 cells, then the log) | ${s1(appMs)} | **${n(rate)}** | — | — |
| PouchDB 9 replicating the same rows as ${n(pouch.byDefault.docs)} documents from express-pouchdb, default settings (LevelDB on both sides) | ${s1(pouch.byDefault.ms)} | ${n(pouchRate)} | **${(rate / pouchRate).toFixed(1)}×** | ≥ 10×: ${verdict(rate / pouchRate >= 10)} |
| the same, batch_size 1,000 | ${s1(pouch.tuned.ms)} | ${n(tunedRate)} | ${(rate / tunedRate).toFixed(1)}× | — |
| a knex batched INSERT of the same rows (5,000 a transaction) into an empty app database, rows already in memory | ${s1(median(knexMs))} | ${n(knexRate)} | **${(rate / knexRate).toFixed(2)}×** | ≥ 1.0×: ${verdict(rate / knexRate >= 1)} |
| the laptop's apply alone: the same ${chunks.length} chunks, already in memory and parsed, into an empty app database, nothing else running (no server, no HTTP) | ${s1(median(aloneMs))} | ${n(aloneRate)} | ${(rate / aloneRate).toFixed(2)}× | — |

Peak RSS of the laptop process: ${laptopPeak} MB (target ≤ 300 MB: ${verdict(laptopPeak <= 300)}); of the PouchDB laptop: ${pouch.byDefault.maxRssMb} MB.

**How cost grows** (k copies of the project's rows within the project, ids and codes suffixed; one server process and one laptop process each):

| size | rows | initial sync | rows/s | laptop peak RSS | server peak RSS | server CPU |
| --- | --- | --- | --- | --- | --- | --- |
${growth.join('\n')}

Throughput from 1× to 4×: ${drop >= 0 ? `down ${(drop * 100).toFixed(0)} %` : `up ${(-drop * 100).toFixed(0)} %`} (target: down no more than 20 %: ${verdict(drop <= 0.2)}).

**Ten fresh laptops at once** from one server process (${n(rowCount)} rows each; time from the first start to the last finish):

| server | total time | rows/s, all laptops | median laptop | server peak RSS (≤ 500 MB) | server CPU | laptop peak RSS |
| --- | --- | --- | --- | --- | --- | --- |
${ten.join('\n')}
`;
  } finally {
    await source.close();
  }
}
