// Sync under the failures the site will see: a server restored from an older backup, laptop
// clocks an hour or a year out, identical stamps, changes from a newer app version, and a
// poisoned change that must not block the queue.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { openAppContext } from '../../../main/app/app-context';
import { expectAppError } from '../../helpers/expect-app-error';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import { appendUnjudged, startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

describe('sync resilience', () => {
  it('recovers everything when the server is restored from an older backup', async () => {
    const serverDir = tempDir('haitai-server-');
    const backupDir = tempDir('haitai-backup-');
    const s = await startSyncServer({ dataDir: serverDir });
    await s.addUser('li', 'manager');
    await s.addUser('wang', 'manager');
    const a = await laptop();
    const b = await laptop();
    const p = await tinyProject(a);
    await connect(a, s.url, 'li', true);
    await connect(b, s.url, 'wang', false, p.projectId);

    // The nightly backup, taken through SQLite's backup API, then more work is synced.
    await s.server.store.knex.raw(`VACUUM INTO '${path.join(backupDir, 'haitai-server.sqlite')}'`);
    await a.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 51 }));
    await b.store.write((w) => w.update('panels', p.panelIds[1]!, { cage_weight_t: 52 }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();

    // The server dies and comes back from last night's backup, on the same address.
    const port = new URL(s.url).port;
    await s.server.close();
    fs.copyFileSync(
      path.join(backupDir, 'haitai-server.sqlite'),
      path.join(serverDir, 'haitai-server.sqlite'),
    );
    for (const suffix of ['-wal', '-shm'])
      fs.rmSync(path.join(serverDir, `haitai-server.sqlite${suffix}`), { force: true });
    const { openServer } = await import('../../../server/index');
    const restored = await openServer({ dataDir: serverDir });
    await restored.app.listen({ host: '127.0.0.1', port: Number(port) });
    try {
      const lostSeq = await restored.store.maxSeq();
      await a.sync.syncNow();
      await b.sync.syncNow();
      await a.sync.syncNow();
      expect(await restored.store.maxSeq()).toBeGreaterThan(lostSeq);
      const fresh = await laptop();
      await connect(fresh, s.url, 'wang', false, p.projectId);
      for (const replica of [a, b, fresh]) {
        const panels = await replica
          .db('panels')
          .whereIn('id', p.panelIds.slice(0, 2))
          .orderBy('sequence')
          .select('cage_weight_t');
        expect(panels.map((x: { cage_weight_t: number }) => x.cage_weight_t)).toEqual([51, 52]);
      }
      expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
      expect(await replicaState(fresh.db)).toEqual(await replicaState(a.db));
    } finally {
      await restored.close();
    }
  });

  it('refuses the stamps of a clock a year ahead, keeps the changes, and sends them once the clock is right', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const a = await laptop({ now });
    const p = await tinyProject(a);
    await connect(a, s.url, 'li', true);
    const before = await s.server.store.maxSeq();

    offset = 365 * 24 * 3600 * 1000;
    await a.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 47 }));
    await expectAppError(a.sync.syncNow(), 'sync.clock_drift');
    const status = await a.api['sync:status']({});
    expect(status).toMatchObject({ state: 'error', error: { code: 'sync.clock_drift' } });
    expect(status.pendingChanges).toBeGreaterThan(0);
    expect(await s.server.store.maxSeq()).toBe(before);

    offset = 0;
    await a.sync.syncNow();
    expect((await a.api['sync:status']({})).pendingChanges).toBe(0);
    const b = await laptop();
    await connect(b, s.url, 'li', false, p.projectId);
    expect((await b.db('panels').where({ id: p.panelIds[0] }).first()).cage_weight_t).toBe(47);
    const newest = (await s.server.store.knex('changes').max({ m: 'hlc' }).first())!.m as string;
    expect(Date.parse(newest.slice(0, 24))).toBeLessThan(Date.now() + 60_000);
  });

  it('orders edits causally across clocks an hour apart, and breaks identical stamps by node', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    await s.addUser('wang', 'manager');
    const behind = await laptop({ now: () => new Date(Date.now() - 3600_000) });
    const ahead = await laptop({ now: () => new Date(Date.now() + 240_000) });
    const p = await tinyProject(ahead);
    await connect(ahead, s.url, 'li', true);
    await connect(behind, s.url, 'wang', false, p.projectId);
    // The laptop behind has seen the other's value, so its later edit must win despite its clock.
    await behind.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 44 }));
    await behind.sync.syncNow();
    await ahead.sync.syncNow();
    expect((await ahead.db('panels').where({ id: p.panelIds[0] }).first()).cage_weight_t).toBe(44);

    // Two laptops stamping in the very same millisecond converge on one value.
    const frozen = new Date(Date.now() - 1000);
    const x = await laptop({ now: () => frozen });
    const y = await laptop({ now: () => frozen });
    const q = await tinyProject(x);
    await connect(x, s.url, 'li', true);
    await connect(y, s.url, 'wang', false, q.projectId);
    await x.store.write((w) => w.update('panels', q.panelIds[2]!, { cage_weight_t: 1 }));
    await y.store.write((w) => w.update('panels', q.panelIds[2]!, { cage_weight_t: 2 }));
    for (const l of [x, y, x, y]) await l.sync.syncNow();
    expect(await replicaState(x.db)).toEqual(await replicaState(y.db));
  });

  it('keeps changes from a newer app version aside and applies them after the upgrade', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    const dataDir = tempDir();
    const a = await laptop({ dataDir });
    const p = await tinyProject(a);
    await connect(a, s.url, 'li', true);
    const stamp = encodeHlc({ millis: Date.now(), counter: 1, node: 'ffffffffffffffff' });
    // A newer app wrote a column this version does not know (its server, upgraded first, knows it).
    await appendUnjudged(s.server, p.projectId, [
      {
        op_id: 1,
        hlc: stamp,
        tbl: 'panels',
        row_id: p.panelIds[0]!,
        col: 'rebar_grade',
        value: 'HRB400',
        base_hlc: null,
      },
      {
        op_id: 2,
        hlc: stamp,
        tbl: 'panels',
        row_id: p.panelIds[1]!,
        col: 'cage_weight_t',
        value: 39,
        base_hlc: null,
      },
    ]);
    await a.sync.syncNow();
    expect((await a.api['sync:status']({})).keptAside).toBe(1);
    expect((await a.db('panels').where({ id: p.panelIds[1] }).first()).cage_weight_t).toBe(39);

    // The upgrade adds the column; on the next start the kept-aside value lands.
    await a.db.schema.alterTable('panels', (t) => t.text('rebar_grade').nullable());
    await a.close();
    const upgraded = await openAppContext({ dataDir, runtime: 'test' });
    try {
      expect((await upgraded.db('panels').where({ id: p.panelIds[0] }).first()).rebar_grade).toBe(
        'HRB400',
      );
      expect((await upgraded.api['sync:status']({})).keptAside).toBe(0);
    } finally {
      await upgraded.close();
    }
  });

  it('sets a poisoned change aside without blocking the changes behind it', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    const a = await laptop();
    const p = await tinyProject(a);
    await connect(a, s.url, 'li', true);
    const stamp = (n: number) =>
      encodeHlc({ millis: Date.now(), counter: n, node: 'eeeeeeeeeeeeeeee' });
    // The server refuses a null code (tests/integration/security); one that took it anyway, an
    // older or a compromised one, must not block this laptop.
    await appendUnjudged(s.server, p.projectId, [
      {
        op_id: 1,
        hlc: stamp(1),
        tbl: 'panels',
        row_id: p.panelIds[0]!,
        col: 'code',
        value: null,
        base_hlc: null,
      },
      {
        op_id: 2,
        hlc: stamp(2),
        tbl: 'panels',
        row_id: p.panelIds[1]!,
        col: 'cage_weight_t',
        value: 41.5,
        base_hlc: null,
      },
    ]);
    await a.sync.syncNow();
    const status = await a.api['sync:status']({});
    expect(status).toMatchObject({ state: 'idle', keptAside: 1 });
    expect((await a.db('panels').where({ id: p.panelIds[0] }).first()).code).toBe('A1');
    expect((await a.db('panels').where({ id: p.panelIds[1] }).first()).cage_weight_t).toBe(41.5);
    await a.store.write((w) => w.update('panels', p.panelIds[2]!, { cage_weight_t: 45 }));
    await a.sync.syncNow();
    expect((await a.api['sync:status']({})).pendingChanges).toBe(0);
  });
});

describe('a fresh laptop’s first download', () => {
  it('resumes from the last chunk it saved after the connection drops', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    await s.addUser('wang', 'manager');
    const a = await laptop({ demo: true });
    await connect(a, s.url, 'li', true);
    const projectId = (await a.api['project:get']({})).id;

    const requests: string[] = [];
    let failAt = 3;
    const flaky: typeof fetch = async (input, init) => {
      let url = String(input);
      if (url.includes('/snapshot')) {
        requests.push(new URL(url).searchParams.get('cursor') ?? 'first');
        if (requests.length === failAt) throw new TypeError('connection reset');
        // Small chunks, so that the demo project takes several.
        url = url.replace(/limit=\d+/, 'limit=2000');
      }
      return fetch(url, init);
    };
    const b = await laptop({ fetch: flaky });
    await expectAppError(connect(b, s.url, 'wang', false, projectId), 'sync.unreachable');
    const partial = Number((await b.db('crew_shifts').count({ n: '*' }))[0]!.n);
    expect(partial).toBeGreaterThan(0);
    failAt = Infinity;
    await b.sync.syncNow();
    // Only the first request started from the beginning; the retry went on from the saved chunk.
    expect(requests.filter((r) => r === 'first')).toHaveLength(1);
    expect(new Set(requests).size).toBe(requests.length - 1);
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
  });
});
