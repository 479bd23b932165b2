// The same sync server on real PostgreSQL: laptops converge through it, and under many concurrent
// pushes a reader following server_seq never skips a change (appends are serialized by a locked
// counter row, not a bare sequence that could commit out of order).
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { newId } from '../../../main/domain/ids';
import type { PullResponse } from '../../../main/domain/sync-protocol';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import { freshPostgresUrl } from '../../helpers/postgres';
import { protocolHeaders, pushAs, signInDevice } from '../../helpers/protocol';
import { startSyncServer } from '../../helpers/sync-server';

describe('the sync server on PostgreSQL', () => {
  it('publishes, follows and converges like on SQLite', async () => {
    const s = await startSyncServer({ databaseUrl: await freshPostgresUrl() });
    await s.addUser('li', 'manager');
    await s.addUser('wang', 'manager');
    const a = await laptop();
    const b = await laptop();
    const p = await tinyProject(a);
    await connect(a, s.url, 'li', true);
    await connect(b, s.url, 'wang', false, p.projectId);
    await a.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 50 }));
    await b.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 49 }));
    for (const l of [a, b, a]) await l.sync.syncNow();
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));
    expect(await a.db('conflicts').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('tells a laptop on another server process of a change at once (LISTEN/NOTIFY)', async () => {
    const databaseUrl = await freshPostgresUrl();
    const one = await startSyncServer({ databaseUrl });
    const two = await startSyncServer({ databaseUrl });
    await one.addUser('li', 'manager');
    await one.addUser('wang', 'manager');
    const a = await laptop();
    const b = await laptop();
    const p = await tinyProject(a);
    await connect(a, one.url, 'li', true);
    await connect(b, two.url, 'wang', false, p.projectId);
    b.sync.start(); // follows process two's event stream, and nothing else
    await expect.poll(() => two.server.notifier.listeners(p.projectId)).toBe(1);
    const pulled = new Promise<number>((resolve) => {
      const started = Date.now();
      const off = b.sync.onStatus(async () => {
        const row = await b.db('panels').where({ id: p.panelIds[0] }).first('cage_weight_t');
        if (row?.cage_weight_t === 57) {
          off();
          resolve(Date.now() - started);
        }
      });
    });
    await a.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 57 }));
    await a.sync.syncNow(); // pushed to process one
    const ms = await Promise.race([
      pulled,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no notice')), 5000)),
    ]);
    expect(ms).toBeLessThan(5000);
    await b.sync.stop();
  });

  it('never lets a reader skip a sequence number under concurrent pushes', async () => {
    const s = await startSyncServer({ databaseUrl: await freshPostgresUrl() });
    const projectId = newId();
    await s.addUser('writer', 'engineer', projectId);
    await s.server.store.publish(projectId, 'manager');
    const WRITERS = 12;
    const devices = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        signInDevice(s.url, 'writer', w.toString(16).padStart(16, 'a')),
      ),
    );
    const headers = protocolHeaders(devices[0]!.token);
    const PUSHES = 15;

    let done = false;
    const observed: number[] = [];
    const reader = (async () => {
      let since = 0;
      while (!done || since < (await s.server.store.maxSeq())) {
        const page = (await (
          await fetch(`${s.url}/projects/${projectId}/changes?since=${since}&limit=37`, { headers })
        ).json()) as PullResponse;
        for (const c of page.changes) observed.push(c.seq);
        since = page.next;
      }
    })();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const client = w.toString(16).padStart(16, 'a');
        for (let i = 1; i <= PUSHES; i++) {
          const rowId = newId();
          const hlc = encodeHlc({ millis: Date.now(), counter: i, node: client });
          const changes = [
            {
              op_id: i * 2 - 1,
              hlc,
              tbl: 'staff_counts',
              row_id: rowId,
              col: 'project_id',
              value: projectId,
              base_hlc: null,
            },
            {
              op_id: i * 2,
              hlc,
              tbl: 'staff_counts',
              row_id: rowId,
              col: 'headcount',
              value: i,
              base_hlc: null,
            },
          ];
          const res = await pushAs(s.url, devices[w]!, projectId, changes);
          expect(res.status).toBe(200);
        }
      }),
    );
    done = true;
    await reader;
    const total = WRITERS * PUSHES * 2;
    expect(await s.server.store.maxSeq()).toBe(total);
    // The reader saw every sequence number exactly once, in order.
    expect(observed).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
});
