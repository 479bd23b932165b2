// The laptop that publishes a project does not pull its own changes back (issue 30): each push
// answer says where the batch went in the log and what the server logged otherwise, so a laptop
// that had read the log that far moves its cursor past the batch. It still ends with exactly what
// a laptop following from the server holds, author columns and conflict ledger included; one that
// had not read that far pulls as before.
import { describe, expect, it } from 'vitest';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';

/** A fetch that counts the changes the laptop pulls from the log. */
function countingFetch() {
  const pulled = { changes: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (/\/changes\?/.test(String(input)) && response.ok) {
      const body = (await response.clone().json()) as { changes?: unknown[] };
      pulled.changes += body.changes?.length ?? 0;
    }
    return response;
  };
  return { pulled, fetch: wrapped };
}

describe('a laptop and its own changes', () => {
  it('publishes the demo without pulling its changes back, and holds what a follower holds', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    await server.addUser('li', 'engineer');
    const counting = countingFetch();
    const a = await laptop({ demo: true, fetch: counting.fetch });
    await connect(a, server.url, 'wang', true);
    const logged = Number(
      (await server.server.store.knex('changes').count({ n: '*' }).first())?.n ?? 0,
    );
    expect(logged).toBeGreaterThan(10_000);
    expect(counting.pulled.changes).toBe(0);

    // Edits go up and do not come back either; a follower's edit does.
    const projectId = (await a.api['project:get']({})).id;
    const b = await laptop();
    await connect(b, server.url, 'li', false, projectId);
    // Only the test syncs from here (the background loops would race it).
    for (const app of [a, b]) await app.sync.stop();
    // B's sign-in wrote its user's row, which A reads.
    await a.api['sync:now']({});
    const seen = counting.pulled.changes;
    expect(seen).toBeGreaterThan(0);
    const day = (await a.api['project:get']({})).settings.demoToday!;
    await a.api['crews:staff']({ projectId, siteDay: day, headcount: 171 });
    await a.api['sync:now']({});
    expect(counting.pulled.changes).toBe(seen);
    await b.api['crews:staff']({ projectId, siteDay: day, headcount: 172 });
    await b.api['sync:now']({});
    await a.api['sync:now']({});
    expect(counting.pulled.changes).toBeGreaterThan(seen);
    await b.api['sync:now']({});
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));
  });

  it('is told of the ledger rows its conflicting push caused, without pulling them', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    await server.addUser('li', 'manager');
    const a = await laptop();
    const { projectId } = await tinyProject(a);
    await connect(a, server.url, 'wang', true);
    const day = '2023-01-27';
    // B changes the day's headcount just before it reads A's change of it: its own goes up
    // next, over a value it never saw, and it has read the log up to where it goes in.
    const counting = countingFetch();
    let editBeforePull = false;
    const b = await laptop({
      fetch: async (input, init) => {
        if (editBeforePull && /\/changes\?/.test(String(input))) {
          editBeforePull = false;
          await b.api['crews:staff']({ projectId, siteDay: day, headcount: 151 });
        }
        return counting.fetch(input, init);
      },
    });
    await connect(b, server.url, 'li', false, projectId);
    for (const app of [a, b]) await app.sync.stop();
    await a.api['crews:staff']({ projectId, siteDay: day, headcount: 150 });
    await a.api['sync:now']({});
    editBeforePull = true;
    await b.api['sync:now']({});
    expect(editBeforePull).toBe(false);
    const pulled = counting.pulled.changes;
    await b.api['sync:now']({});

    const ledger = (await server.server.store
      .knex('changes')
      .where({ project_id: projectId, tbl: 'conflicts' })
      .distinct()
      .pluck('row_id')) as string[];
    expect(ledger).toHaveLength(1);
    expect(counting.pulled.changes).toBe(pulled);
    expect(await b.db('conflicts').pluck('id')).toEqual(ledger);
    await a.api['sync:now']({});
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));
  });
});
