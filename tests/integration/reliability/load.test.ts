// Load (issue 7): 50 simulated laptops push and pull against the real server over HTTP for a
// bounded time, on SQLite and on PostgreSQL. Each pushes its own new rows and edits rows they all
// share (so the server sees concurrent edits), and follows the log. Afterwards nothing that was
// acknowledged is missing, nothing is there twice, and every laptop holds what the server holds.
// `npm run test:load` runs LOAD_SECONDS=60; `npm test` a few seconds.
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { newId } from '../../../main/domain/ids';
import {
  PROTOCOL_VERSION,
  type CellValue,
  type PullResponse,
  type PushResponse,
} from '../../../main/domain/sync-protocol';
import type { RunningServer } from '../../../server/index';
import { freshPostgresUrl } from '../../helpers/postgres';
import { signInDevice } from '../../helpers/protocol';
import { PASSWORD, startSyncServer } from '../../helpers/sync-server';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 3);
const LAPTOPS = 50;
const SHARED_ROWS = 20;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
};

interface Cell {
  value: CellValue;
  hlc: string;
}

class SimulatedLaptop {
  private counter = 0;
  private op = 0;
  private since = 0;
  readonly cells = new Map<string, Cell>();
  readonly acked: number[] = [];
  constructor(
    readonly client: string,
    private readonly url: string,
    private readonly token: string,
    private readonly projectId: string,
  ) {}

  private headers() {
    return {
      'content-type': 'application/json',
      authorization: `Bearer ${this.token}`,
      'x-haitai-protocol': String(PROTOCOL_VERSION),
    };
  }

  private stamp(): string {
    this.counter += 1;
    return encodeHlc({ millis: Date.now(), counter: this.counter % 60_000, node: this.client });
  }

  /** Own new rows and edits of the shared rows, one push. */
  async push(round: number): Promise<number> {
    const row = `${this.client}-${round}`;
    const shared = `shared-${round % SHARED_ROWS}`;
    const edits: [string, string, CellValue][] = [
      [row, 'project_id', this.projectId],
      [row, 'site_day', '2023-01-27'],
      [row, 'headcount', round],
      [shared, 'headcount', (Number.parseInt(this.client, 16) * 97 + round) % 5000],
    ];
    const changes = edits.map(([rowId, col, value]) => {
      this.op += 1;
      const hlc = this.stamp();
      const base = this.cells.get(`staff_counts\u0000${rowId}\u0000${col}`)?.hlc ?? null;
      return {
        op_id: this.op,
        hlc,
        tbl: 'staff_counts',
        row_id: rowId,
        col,
        value,
        base_hlc: base,
      };
    });
    const started = performance.now();
    const res = await fetch(`${this.url}/projects/${this.projectId}/push`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ client_id: this.client, schema_version: 'load', changes }),
    });
    const body = (await res.json()) as PushResponse;
    if (res.status !== 200) throw new Error(`push ${res.status}: ${JSON.stringify(body)}`);
    if (body.rejected.length) throw new Error(`refused: ${JSON.stringify(body.rejected)}`);
    this.acked.push(...body.acked);
    for (const c of changes) this.apply(c.tbl, c.row_id, c.col, c.value, c.hlc);
    return performance.now() - started;
  }

  /** Creates the rows every laptop edits. */
  async createShared(): Promise<void> {
    const changes = Array.from({ length: SHARED_ROWS }, (_, i) => ({
      op_id: ++this.op,
      hlc: this.stamp(),
      tbl: 'staff_counts',
      row_id: `shared-${i}`,
      col: 'project_id',
      value: this.projectId,
      base_hlc: null,
    }));
    const res = await fetch(`${this.url}/projects/${this.projectId}/push`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ client_id: this.client, schema_version: 'load', changes }),
    });
    const body = (await res.json()) as PushResponse;
    this.acked.push(...body.acked);
  }

  /** Follows the log to its end; returns the time of each request. */
  async pull(): Promise<number[]> {
    const times: number[] = [];
    for (;;) {
      const started = performance.now();
      const res = await fetch(
        `${this.url}/projects/${this.projectId}/changes?since=${this.since}&limit=1000`,
        { headers: this.headers() },
      );
      const body = (await res.json()) as PullResponse;
      if (res.status !== 200) throw new Error(`pull ${res.status}: ${JSON.stringify(body)}`);
      times.push(performance.now() - started);
      for (const c of body.changes) this.apply(c.tbl, c.row_id, c.col, c.value, c.hlc);
      this.since = body.next;
      if (!body.has_more) return times;
    }
  }

  private apply(tbl: string, row: string, col: string, value: CellValue, hlc: string) {
    const key = `${tbl}\u0000${row}\u0000${col}`;
    const current = this.cells.get(key);
    if (!current || hlc > current.hlc) this.cells.set(key, { value, hlc });
  }
}

async function runLoad(server: RunningServer, url: string) {
  const projectId = newId();
  await server.store.createUser({
    username: 'load',
    password: PASSWORD,
    memberships: [{ projectId, role: 'engineer' }],
  });
  // A manager published the project; each laptop signs in as a device of its own.
  await server.store.publish(projectId, 'manager');
  const laptops: SimulatedLaptop[] = [];
  for (let i = 0; i < LAPTOPS; i++) {
    const client = (i + 1).toString(16).padStart(16, '0');
    const { token } = await signInDevice(url, 'load', client);
    laptops.push(new SimulatedLaptop(client, url, token, projectId));
  }
  await laptops[0]!.createShared();
  const pushes: number[] = [];
  const pulls: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    laptops.map(async (laptop) => {
      for (let round = 0; Date.now() < deadline; round++) {
        pushes.push(await laptop.push(round));
        if (round % 3 === 2) pulls.push(...(await laptop.pull()));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const laptop of laptops) await laptop.pull();

  // Nothing lost, nothing twice: the server's log holds each acknowledged change exactly once.
  const knex = server.store.knex;
  const logged: { client_id: string; n: number | string }[] = await knex('changes')
    .where({ project_id: projectId })
    .whereIn(
      'client_id',
      laptops.map((l) => l.client),
    )
    .groupBy('client_id')
    .select('client_id', knex.raw('count(*) as n'));
  const byClient = new Map(logged.map((r) => [r.client_id, Number(r.n)]));
  const acked = laptops.reduce((n, l) => n + l.acked.length, 0);
  for (const laptop of laptops) {
    expect(new Set(laptop.acked).size).toBe(laptop.acked.length);
    expect(byClient.get(laptop.client) ?? 0).toBe(laptop.acked.length);
  }
  // Everyone converged on the server's state.
  const cells: { tbl: string; row_id: string; col: string; value: string | null }[] = await knex(
    'cells',
  )
    .where({ project_id: projectId })
    .select('tbl', 'row_id', 'col', 'value');
  const server_state = new Map(
    cells.map((c) => [
      `${c.tbl}\u0000${c.row_id}\u0000${c.col}`,
      c.value === null ? null : JSON.parse(c.value),
    ]),
  );
  for (const laptop of laptops) {
    expect(laptop.cells.size).toBe(server_state.size);
    for (const [key, cell] of laptop.cells) expect(cell.value).toEqual(server_state.get(key));
  }
  const conflicts = Number(
    (
      await knex('cells')
        .where({ project_id: projectId, tbl: 'conflicts', col: 'target_tbl' })
        .count({ n: '*' })
    )[0]!.n,
  );
  return {
    laptops: LAPTOPS,
    seconds: Math.round(elapsed * 10) / 10,
    pushes: pushes.length,
    changes: acked,
    changesPerSecond: Math.round(acked / elapsed),
    pushP50: Math.round(percentile(pushes, 50)),
    pushP99: Math.round(percentile(pushes, 99)),
    pullP99: Math.round(percentile(pulls, 99)),
    conflictsRecorded: conflicts,
  };
}

describe(`load: ${LAPTOPS} laptops pushing and pulling for ${SECONDS} s`, () => {
  it(
    'on SQLite: nothing lost, nothing doubled, all converge',
    async () => {
      const { server, url } = await startSyncServer();
      const figures = await runLoad(server, url);
      console.log(`load, SQLite: ${JSON.stringify(figures)}`);
      expect(figures.changes).toBeGreaterThan(0);
    },
    120_000 + SECONDS * 3_000,
  );

  it(
    'on PostgreSQL: nothing lost, nothing doubled, all converge',
    async () => {
      const { server, url } = await startSyncServer({ databaseUrl: await freshPostgresUrl() });
      const figures = await runLoad(server, url);
      console.log(`load, PostgreSQL: ${JSON.stringify(figures)}`);
      expect(figures.changes).toBeGreaterThan(0);
    },
    120_000 + SECONDS * 3_000,
  );
});
