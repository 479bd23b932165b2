// Counterexamples the convergence property once found (tests/helpers/convergence-property.ts),
// replayed on every `npm test`: each failed before its fix.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../main/domain/ids';
import type { AppContext } from '../../../main/app/app-context';
import { runScenario, type Command } from '../../helpers/convergence';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import { startSyncServer, type TestServer } from '../../helpers/sync-server';

/** A server of its own for each test (the helper closes servers after each test). */
async function managers(): Promise<TestServer> {
  const server = await startSyncServer();
  for (let i = 0; i < 5; i++) await server.addUser(`u${i}`, 'manager');
  return server;
}

/** Laptops that sync only when told: each step below happens in the order written. */
async function laptops(
  server: TestServer,
  n: number,
): Promise<{ apps: AppContext[]; projectId: string }> {
  const apps: AppContext[] = [];
  for (let i = 0; i < n; i++) apps.push(await laptop({ syncOptions: { log: () => {} } }));
  const { projectId } = await tinyProject(apps[0]!);
  await connect(apps[0]!, server.url, 'u0', true);
  for (let i = 1; i < n; i++) await connect(apps[i]!, server.url, `u${i}`, false, projectId);
  for (const app of apps) await app.sync.stop();
  return { apps, projectId };
}

describe('sync convergence: replayed counterexamples', () => {
  // Seed -627318950, path 170: "write headcount=52 lost silently". The sequence of events:
  // 1. A (an older version) records the day's staff as 200 in a row with a random id R; it syncs.
  // 2. A corrects the count to 52: the natural-key write finds R (the day's live row) and updates
  //    it. A does not sync yet.
  // 3. B, who never saw R, records 140 for the same day: a new row N with the natural id. B syncs,
  //    pulls R (200) and merges: N keeps 140, R is tombstoned, the ledger records 200 as lost.
  // 4. A syncs: its 52 reaches R, which the merge had tombstoned. 52 is older than 140, so N
  //    rightly keeps 140, but every laptop's merge found nothing to move (no survivor cell
  //    changes, no live row to tombstone) and wrote no ledger row either: A's 52 vanished.
  it("an edit of an older version's row that another laptop's merge had already tombstoned", async () => {
    const { apps, projectId } = await laptops(await managers(), 3);
    const [a, b, c] = apps as [AppContext, AppContext, AppContext];
    const day = { projectId, siteDay: '2023-01-02' };
    const legacyId = newId();
    await a.store.write((w) =>
      w.insert('staff_counts', {
        id: legacyId,
        ...{ project_id: projectId, site_day: day.siteDay },
        headcount: 200,
      }),
    );
    await a.sync.syncNow();
    await a.api['crews:staff']({ ...day, headcount: 52 });
    const corrected = await a
      .db('cell_versions')
      .where({ tbl: 'staff_counts', row_id: legacyId, col: 'headcount' })
      .first('hlc');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.api['crews:staff']({ ...day, headcount: 140 });
    await b.sync.syncNow();
    expect(await b.db('staff_counts').where({ id: legacyId }).first('deleted_at')).toMatchObject({
      deleted_at: expect.any(String),
    });
    for (let round = 0; round < 2; round++) for (const app of apps) await app.sync.syncNow();

    const states = await Promise.all(apps.map((app) => replicaState(app.db)));
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    for (const app of apps) expect((await app.api['crews:day'](day)).staff).toBe(140);
    // A's 52 lost to B's newer 140, and every laptop's ledger says so, naming A.
    const lost = await c
      .db('conflicts')
      .where({ target_tbl: 'staff_counts', target_col: 'headcount', lost_value: '52' });
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ kept_value: '140', lost_hlc: corrected.hlc, lost_by: 'u0' });
    const shown = await c.api['sync:conflicts']({ projectId });
    expect(shown.find((x) => x.lost.value === 52)).toMatchObject({
      table: 'staff_counts',
      kept: { value: 140 },
      lost: { by: 'u0' },
    });
  });

  it('seed -627318950 path 170, as the property played it (5 laptops, syncing as they write)', async () => {
    const commands: Command[] = [
      { kind: 'delete', client: 3, panel: 0 },
      { kind: 'legacy', client: 4, day: 3, count: 120 },
      { kind: 'cage', client: 1, panel: 0, value: 52 },
      { kind: 'cage', client: 4, panel: 1, value: 56 },
      { kind: 'legacy', client: 4, day: 2, count: 200 },
      { kind: 'crew', client: 3, day: 2, shift: 'night', team: 0, count: 30 },
      { kind: 'log', client: 2, day: 1, field: 'safety', text: '泥浆比重复测' },
      { kind: 'name', client: 2, text: 'Shaft' },
      { kind: 'cage', client: 3, panel: 2, value: 32 },
      { kind: 'log', client: 1, day: 2, field: 'weatherAm', text: 'rain' },
      { kind: 'staff', client: 4, day: 2, count: 52 },
      { kind: 'staff', client: 2, day: 2, count: 140 },
    ];
    await runScenario((await managers()).url, 5, commands);
  });

  // Seed 776890627, path 1642: the oracle's mistake, not the app's. An older version's row R of
  // day 2 (laptop 4, 160) reached laptop 2, whose count of 116 updated R (the day's live row);
  // laptop 4 meanwhile corrected R to 1 without seeing 116. The server saw two writes of one cell,
  // neither seeing the other, and put 1 in the ledger against R. Another older version's row of
  // the day (laptop 0, 104) then made the laptops merge R into the natural row. The ledger entry
  // names R, and the oracle looked for it under the natural row only.
  it('seed 776890627 path 1642, as the property played it (5 laptops, syncing as they write)', async () => {
    const commands: Command[] = [
      { kind: 'legacy', client: 4, day: 2, count: 160 },
      { kind: 'cage', client: 3, panel: 2, value: 48 },
      { kind: 'crew', client: 4, day: 1, shift: 'day', team: 1, count: 15 },
      { kind: 'sync', client: 0, fault: 'none' },
      { kind: 'staff', client: 3, day: 1, count: 46 },
      { kind: 'delete', client: 0, panel: 3 },
      { kind: 'legacy', client: 0, day: 2, count: 104 },
      { kind: 'delete', client: 2, panel: 3 },
      { kind: 'staff', client: 4, day: 2, count: 1 },
      { kind: 'legacy', client: 3, day: 3, count: 24 },
      { kind: 'staff', client: 2, day: 2, count: 116 },
    ];
    await runScenario((await managers()).url, 5, commands);
  });

  // Seed -1207002, path 20, failed once under load ("111 changes to push" after the quiet rounds)
  // and passed on replay. The cause: the server acknowledges a write it already holds (the same
  // stamp, as two laptops' merges of one older version's rows both send) without logging it again,
  // so the client's last logged op stayed below the op the laptop saw acknowledged. Every sync
  // then took the server for one restored from a backup: the laptop queued every cell it ever
  // wrote again (111, the whole project) and re-read the log from 0. A status read during such a
  // background sync saw them waiting.
  it('a write the server already held, acknowledged again, is not taken for a forgetful server', async () => {
    const server = await managers();
    const said: string[] = [];
    let pushes = Infinity;
    const a = await laptop({ syncOptions: { log: () => {} } });
    const b = await laptop({
      syncOptions: { log: (message) => said.push(message) },
      // B's link drops while it sends its merge (below).
      fetch: async (input, init) => {
        if (String(input).includes('/push') && pushes-- <= 0)
          throw new TypeError('connection reset');
        return fetch(input, init);
      },
    });
    const { projectId } = await tinyProject(a);
    await connect(a, server.url, 'u0', true);
    await connect(b, server.url, 'u1', false, projectId);
    for (const app of [a, b]) await app.sync.stop();
    // B, an older version, records day 1 twice under random ids and sends both rows; pulling them
    // back it merges them, but that merge does not get through.
    for (const headcount of [69, 128])
      await b.store.write((w) =>
        w.insert('staff_counts', {
          id: newId(),
          ...{ project_id: projectId, site_day: '2023-01-01' },
          headcount,
        }),
      );
    pushes = 1;
    await expect(b.sync.syncNow()).rejects.toThrow();
    const merged = await b.db('outbox').where({ replay: 1 }).count({ n: '*' });
    expect(Number(merged[0]!.n)).toBeGreaterThan(0);
    // A pulls both rows and makes the same merge, with the same stamps; it reaches the server.
    await a.sync.syncNow();
    pushes = Infinity;
    // B's merge now reaches a server that holds every cell of it already.
    await b.sync.syncNow();
    const acked = Number(
      (await b.db('local_settings').where({ key: 'sync.last_acked_op' }).first('value')).value,
    );
    const state = await server.server.store.clientState(projectId, b.store.identity.nodeId);
    expect(state.last_op_id).toBe(acked);
    await b.sync.syncNow();
    expect(said.filter((m) => m.startsWith('server forgot'))).toEqual([]);
    expect((await b.api['sync:status']({})).pendingChanges).toBe(0);
  });

  // Seed 1543087937, path 23: "write headcount=97 lost silently", 5 laptops. Laptop 4 (an older
  // version) records day 3's staff as 188, then 129, each in a row with a random id; laptop 0
  // records 97 under the natural id. When laptop 4 merged its own two rows before it had pulled
  // laptop 0's, the merge made the natural row itself (129) and sent it as a replay, which the
  // server applies without asking whether it overwrites a value the sender never saw: 97 was
  // overwritten and nobody's ledger said so. Timing decides whether laptop 4 merges before it
  // pulls, so the case is played four times. A merged cell now goes as an edit that saw what the
  // laptop held of the natural row (nothing), and the server records the 97 it overwrote.
  it('a merge that makes the natural row on a laptop that never saw the one on the server', async () => {
    const server = await managers();
    const commands: Command[] = [
      { kind: 'cage', client: 4, panel: 3, value: 55 },
      { kind: 'legacy', client: 4, day: 3, count: 188 },
      { kind: 'log', client: 3, day: 2, field: 'safety', text: '泥浆比重复测' },
      { kind: 'staff', client: 0, day: 3, count: 97 },
      { kind: 'log', client: 1, day: 2, field: 'safety', text: '泥浆比重复测' },
      { kind: 'legacy', client: 4, day: 3, count: 129 },
    ];
    for (let i = 0; i < 4; i++) await runScenario(server.url, 5, commands);
  });
});
