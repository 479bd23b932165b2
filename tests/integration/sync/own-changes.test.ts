// The laptop that publishes a project does not pull its own changes back (issue 30): each push
// answer says where the batch went in the log and what the server logged otherwise, so a laptop
// that had read the log that far moves its cursor past the batch. It still ends with exactly what
// a laptop following from the server holds, author columns and conflict ledger included; one that
// had not read that far pulls as before.
import { describe, expect, it } from 'vitest';
import { connect, laptop, replicaState } from '../../helpers/laptops';
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

  it('is told of the ledger rows its conflicting push caused, and converges', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    await server.addUser('li', 'manager');
    const a = await laptop({ demo: true });
    await connect(a, server.url, 'wang', true);
    const projectId = (await a.api['project:get']({})).id;
    const counting = countingFetch();
    const b = await laptop({ fetch: counting.fetch });
    await connect(b, server.url, 'li', false, projectId);
    const day = (await a.api['project:get']({})).settings.demoToday!;
    // Both change the same day's headcount; B reads A's change before sending its own, which
    // the server then records as a conflict.
    await a.api['crews:staff']({ projectId, siteDay: day, headcount: 150 });
    await b.api['crews:staff']({ projectId, siteDay: day, headcount: 151 });
    await b.sync.stop();
    await a.api['sync:now']({});
    const before = counting.pulled.changes;
    await b.api['sync:now']({});
    const conflicts = await server.server.store
      .knex('changes')
      .where({ project_id: projectId, tbl: 'conflicts' })
      .count({ n: '*' })
      .first();
    expect(Number(conflicts?.n)).toBeGreaterThan(0);
    await a.api['sync:now']({});
    await b.api['sync:now']({});
    expect(counting.pulled.changes).toBeGreaterThan(before);
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));
    expect(await b.db('conflicts').count({ n: '*' }).first()).toEqual(
      await a.db('conflicts').count({ n: '*' }).first(),
    );
  });
});
