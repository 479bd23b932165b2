// Crash drills (issue 7): a laptop process recording and syncing, and the sync server during
// pushes, each killed with SIGKILL at random moments. After every kill the database must open,
// pass PRAGMA integrity_check, hold every write that was acknowledged, and its outbox and data
// must agree. At the end everything acknowledged must be on the server, once.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Knex } from 'knex';
import { createSqliteKnex } from '../../db/connection';
import { SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { seededRandom } from '../../main/domain/random';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { openServer, type RunningServer } from '../../server/index';
import { PASSWORD } from '../helpers/sync-server';

export interface DrillResult {
  kills: number;
  acknowledged: number;
  /** Writes that committed but were killed before their acknowledgement: allowed, and kept. */
  unacknowledgedKept: number;
  onServer: number;
  ms: number;
}

function child(script: string, args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join('tests/reliability', script), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Resolves once the child printed `ready`; `onLine` sees every line it prints. */
function started(proc: ChildProcess, onLine: (line: string) => void = () => {}): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') resolve();
        onLine(line);
      }
    });
    proc.once('exit', (code, signal) =>
      reject(
        new Error(`child exited (${code ?? signal}) before it was ready: ${stderr.slice(-2000)}`),
      ),
    );
  });
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function integrity(db: Knex): Promise<string> {
  const rows = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
}

/** The laptop's drill rows: reason → row id. */
async function drillRows(db: Knex, prefix: string): Promise<Map<string, string>> {
  const rows: { id: string; reason: string }[] = await db('milestone_changes')
    .where('reason', 'like', `${prefix}-%`)
    .select('id', 'reason');
  return new Map(rows.map((r) => [r.reason, r.id]));
}

/**
 * Outbox and data agree: every queued change belongs to a row that exists, and every drill row
 * has a recorded version for each of its cells (written in the same transaction as the row).
 */
async function outboxAgrees(db: Knex, prefix: string): Promise<string[]> {
  const problems: string[] = [];
  for (const table of SYNCED_TABLES) {
    const orphans = await db('outbox as o')
      .leftJoin(`${table} as t`, 't.id', 'o.row_id')
      .where('o.tbl', table)
      .whereNull('t.id')
      .count<{ n: number }[]>({ n: '*' });
    if (Number(orphans[0]!.n) > 0)
      problems.push(`${orphans[0]!.n} outbox rows of ${table} without data`);
  }
  const unversioned = await db('milestone_changes as m')
    .leftJoin('cell_versions as v', function () {
      this.on('v.row_id', '=', 'm.id').andOn('v.tbl', '=', db.raw('?', ['milestone_changes']));
    })
    .where('m.reason', 'like', `${prefix}-%`)
    .whereNull('v.row_id')
    .count<{ n: number }[]>({ n: '*' });
  if (Number(unversioned[0]!.n) > 0)
    problems.push(`${unversioned[0]!.n} rows without cell versions`);
  return problems;
}

/** The account the drill laptop signs in with. */
function addDrillUser(server: RunningServer): Promise<string> {
  return server.store.createUser({
    username: 'li',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'manager' }],
  });
}

async function setUpLaptop(dataDir: string, url: string, publish: boolean): Promise<AppContext> {
  const app = await openAppContext({ dataDir, runtime: 'test', seedDemo: publish });
  await app.api['sync:connect']({
    url,
    username: 'li',
    password: PASSWORD,
    deviceName: 'drill laptop',
    publish,
  });
  return app;
}

/** Syncs until the outbox is empty (a few rounds at most). */
async function syncUntilSent(app: AppContext): Promise<void> {
  for (let i = 0; i < 5 && Number((await app.db('outbox').count({ n: '*' }))[0]!.n) > 0; i++)
    await app.api['sync:now']({});
}

async function serverReasons(knex: Knex, prefix: string): Promise<string[]> {
  const rows: { value: string }[] = await knex('cells')
    .where({ tbl: 'milestone_changes', col: 'reason' })
    .where('value', 'like', `"${prefix}-%`)
    .select('value');
  return rows.map((r) => JSON.parse(r.value) as string);
}

/** Kills a recording, syncing laptop process `kills` times. */
export async function laptopDrill(options: {
  kills: number;
  seed?: number;
  dir: string;
  log?: (line: string) => void;
}): Promise<DrillResult> {
  const started0 = Date.now();
  const random = seededRandom(options.seed ?? 1);
  const server = await openServer({
    dataDir: path.join(options.dir, 'server'),
    loginPerMinute: 100_000,
  });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  await addDrillUser(server);
  const dataDir = path.join(options.dir, 'laptop');
  await (await setUpLaptop(dataDir, url, true)).close();

  const acked = new Set<string>();
  let next = 1;
  try {
    for (let k = 1; k <= options.kills; k++) {
      const proc = child('laptop-child.ts', [dataDir, String(next)]);
      await started(proc, (line) => {
        if (line.startsWith('ack ')) acked.add(`drill-${line.slice(4)}`);
      });
      // Anywhere from at once to half a second of recording and syncing.
      await sleep(Math.floor(random() * 500));
      await kill(proc);

      const app = await openAppContext({ dataDir, runtime: 'test' });
      try {
        const check = await integrity(app.db);
        if (check !== 'ok') throw new Error(`kill ${k}: integrity_check: ${check}`);
        const present = await drillRows(app.db, 'drill');
        const lost = [...acked].filter((r) => !present.has(r));
        if (lost.length)
          throw new Error(`kill ${k}: acknowledged writes lost: ${lost.slice(0, 5).join(', ')}`);
        const problems = await outboxAgrees(app.db, 'drill');
        if (problems.length) throw new Error(`kill ${k}: ${problems.join('; ')}`);
        next = Math.max(0, ...[...present.keys()].map((r) => Number(r.slice(6)))) + 1;
      } finally {
        await app.close();
      }
      options.log?.(`laptop kill ${k}: ${acked.size} acknowledged so far`);
    }
    // Back up and syncing: everything on the laptop reaches the server, each row once.
    const app = await openAppContext({ dataDir, runtime: 'test' });
    let local: Map<string, string>;
    try {
      await syncUntilSent(app);
      local = await drillRows(app.db, 'drill');
    } finally {
      await app.close();
    }
    const remote = await serverReasons(server.store.knex, 'drill');
    const missing = [...local.keys()].filter((r) => !remote.includes(r));
    if (missing.length) throw new Error(`not on the server: ${missing.slice(0, 5).join(', ')}`);
    if (new Set(remote).size !== remote.length)
      throw new Error('a drill row is on the server twice');
    return {
      kills: options.kills,
      acknowledged: acked.size,
      unacknowledgedKept: local.size - acked.size,
      onServer: remote.length,
      ms: Date.now() - started0,
    };
  } finally {
    await server.close();
  }
}

/** Kills the sync server `kills` times while a laptop pushes to it. */
export async function serverDrill(options: {
  kills: number;
  seed?: number;
  dir: string;
  log?: (line: string) => void;
}): Promise<DrillResult> {
  const started0 = Date.now();
  const random = seededRandom(options.seed ?? 2);
  const serverDir = path.join(options.dir, 'server');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The first run creates the account the laptop signs in with.
  const setup = await openServer({ dataDir: serverDir });
  await addDrillUser(setup);
  await setup.close();

  let proc = child('server-child.ts', [serverDir, String(port)]);
  await started(proc);
  const app = await setUpLaptop(path.join(options.dir, 'laptop'), url, true);
  const project = await app.api['project:get']({});
  const [milestone] = await app.api['milestones:list']({ projectId: project.id });
  let n = 0;
  let writes = 0;
  try {
    for (let k = 1; k <= options.kills; k++) {
      // The laptop records and pushes until the server dies under it.
      let stop = false;
      const writer = (async () => {
        while (!stop) {
          n += 1;
          await app.api['milestones:set-due']({
            milestoneId: milestone!.id,
            dueDate: n % 2 ? '2023-02-21' : '2023-02-22',
            reason: `push-${n}`,
          });
          writes += 1;
          await app.api['sync:now']({}).catch(() => {});
        }
      })();
      await sleep(50 + Math.floor(random() * 400));
      await kill(proc);
      stop = true;
      await writer;

      // The server's file after the kill: sound, its log gap-free, and holding every change
      // the laptop was told it has (those no longer in the laptop's outbox).
      const knex = createSqliteKnex({ filename: path.join(serverDir, 'haitai-server.sqlite') });
      try {
        const check = await integrity(knex);
        if (check !== 'ok') throw new Error(`server kill ${k}: integrity_check: ${check}`);
        const seqs = await knex('changes').orderBy('seq').pluck('seq');
        if (seqs.some((s, i) => Number(s) !== i + 1))
          throw new Error(`server kill ${k}: gap in server_seq`);
        const pending = new Set(
          (await app.db('outbox').where({ tbl: 'milestone_changes' }).pluck('row_id')) as string[],
        );
        const local = await drillRows(app.db, 'push');
        const acknowledged = [...local].filter(([, id]) => !pending.has(id)).map(([r]) => r);
        const remote = new Set(await serverReasons(knex, 'push'));
        const lost = acknowledged.filter((r) => !remote.has(r));
        if (lost.length)
          throw new Error(
            `server kill ${k}: acknowledged pushes lost: ${lost.slice(0, 5).join(', ')}`,
          );
      } finally {
        await knex.destroy();
      }
      proc = child('server-child.ts', [serverDir, String(port)]);
      await started(proc);
      options.log?.(`server kill ${k}: ${writes} writes so far`);
    }
    await syncUntilSent(app);
    const local = await drillRows(app.db, 'push');
    const knex = createSqliteKnex({ filename: path.join(serverDir, 'haitai-server.sqlite') });
    let remote: string[];
    try {
      remote = await serverReasons(knex, 'push');
    } finally {
      await knex.destroy();
    }
    const missing = [...local.keys()].filter((r) => !remote.includes(r));
    if (missing.length) throw new Error(`not on the server: ${missing.slice(0, 5).join(', ')}`);
    if (new Set(remote).size !== remote.length) throw new Error('a change is on the server twice');
    return {
      kills: options.kills,
      acknowledged: writes,
      unacknowledgedKept: 0,
      onServer: remote.length,
      ms: Date.now() - started0,
    };
  } finally {
    await app.close();
    await kill(proc);
  }
}
