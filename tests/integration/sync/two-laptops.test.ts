import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';
import { connect, laptop, replicaState, tinyProject } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';

describe('two laptops and a sync server', () => {
  it('publish, follow from a snapshot, and converge edit by edit', async () => {
    const { url, addUser } = await startSyncServer();
    // Publishing is a manager's act.
    await addUser('li', 'manager');
    await addUser('wang', 'engineer');
    const a = await laptop({ demo: true });
    const ids = await demoIds(a);
    const published = await connect(a, url, 'li', true);
    expect(published).toMatchObject({
      state: 'idle',
      projectId: ids.projectId,
      role: 'manager',
      pendingChanges: 0,
      error: null,
    });

    const b = await laptop();
    const followed = await connect(b, url, 'wang');
    expect(followed).toMatchObject({ state: 'idle', projectId: ids.projectId, role: 'engineer' });
    // B announced its user's name (a `people` row); A learns it on its next sync.
    await a.api['sync:now']({});
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
    const names = await b.db('people').orderBy('name').pluck('name');
    expect(new Set(names)).toEqual(new Set(['li', 'wang']));
    expect((await b.api['project:get']({})).id).toBe(ids.projectId);

    // A records a stage; B sees it after one round.
    const panel = ids.notStarted[0]!;
    await a.api['stages:record']({
      panelId: panel.id,
      stage: 'excavation',
      siteDay: ids.asOf,
      shift: 'day',
      measurements: { depthM: 60.1 },
    });
    expect((await a.api['sync:status']({})).pendingChanges).toBeGreaterThan(0);
    await a.api['sync:now']({});
    await b.api['sync:now']({});
    expect((await b.api['panels:get']({ panelId: panel.id })).status).toBe('excavation');
    expect(await replicaState(b.db)).toEqual(await replicaState(a.db));
  });

  it('records a concurrent overwrite in the ledger, and a manager’s choice reaches everyone', async () => {
    const { url, addUser } = await startSyncServer();
    await addUser('li', 'manager');
    await addUser('wang', 'engineer');
    const a = await laptop({ demo: true });
    const ids = await demoIds(a);
    await connect(a, url, 'li', true);
    const b = await laptop();
    await connect(b, url, 'wang');

    // Both edit the same day's notes without seeing each other's edit.
    const day = { projectId: ids.projectId, siteDay: ids.asOf };
    const log = (await a.api['today:get'](day)).log!;
    const fields = {
      weatherAm: log.weatherAm,
      weatherPm: log.weatherPm,
      tempMinC: log.tempMinC,
      tempMaxC: log.tempMaxC,
      rainMm: log.rainMm,
      wind: log.wind,
      location: log.location,
      issues: log.issues,
      safety: log.safety,
    };
    await a.api['log:save']({ ...day, fields: { ...fields, notes: 'A: 两台成槽机作业' } });
    await b.api['log:save']({ ...day, fields: { ...fields, notes: 'B: 一台成槽机检修' } });
    await a.api['sync:now']({});
    await b.api['sync:now']({});
    await a.api['sync:now']({});
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));

    const [conflict] = await a.api['sync:conflicts']({ projectId: ids.projectId });
    expect(conflict).toMatchObject({
      table: 'daily_logs',
      column: 'notes',
      rowLabel: ids.asOf,
      resolution: null,
    });
    expect([conflict!.kept.value, conflict!.lost.value].sort()).toEqual([
      'A: 两台成槽机作业',
      'B: 一台成槽机检修',
    ]);
    expect([conflict!.kept.by, conflict!.lost.by].sort()).toEqual(['li', 'wang']);
    const standing = (await a.api['today:get'](day)).log!.notes;
    expect(standing).toBe(conflict!.kept.value);

    // An engineer may not decide; the manager keeps the value that lost.
    await b.api['sync:now']({});
    const [seenByB] = await b.api['sync:conflicts']({ projectId: ids.projectId });
    await expectAppError(
      b.api['sync:resolve']({ conflictId: seenByB!.id, keep: 'lost' }),
      'auth.forbidden',
    );
    await a.api['sync:resolve']({ conflictId: conflict!.id, keep: 'lost' });
    await a.api['sync:now']({});
    await b.api['sync:now']({});
    expect((await b.api['today:get'](day)).log!.notes).toBe(conflict!.lost.value);
    const [resolved] = await b.api['sync:conflicts']({ projectId: ids.projectId });
    expect(resolved).toMatchObject({ resolution: 'lost', resolvedBy: 'li' });
    expect(await replicaState(a.db)).toEqual(await replicaState(b.db));
  });

  it('lets a viewer read but not write: the laptop refuses its write at once', async () => {
    const { url, addUser } = await startSyncServer();
    await addUser('li', 'manager');
    await addUser('zhao', 'viewer');
    const a = await laptop({ demo: true });
    const ids = await demoIds(a);
    await connect(a, url, 'li', true);
    const v = await laptop({ demo: true });
    await expectAppError(connect(v, url, 'zhao', true), 'auth.forbidden');
    await connect(v, url, 'zhao');
    // The viewer's role holds on the laptop: the write is refused at once and nothing is queued.
    const reply = await dispatch(v.api, 'crews:staff', {
      projectId: ids.projectId,
      siteDay: ids.asOf,
      headcount: 151,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await v.api['sync:status']({})).pendingChanges).toBe(0);
    expect((await v.api['app:info']({})).user).toEqual({ name: 'zhao', role: 'viewer' });
  });

  it('reports a wrong password and an unreachable server in the user’s terms', async () => {
    const { url, addUser } = await startSyncServer();
    await addUser('li', 'engineer');
    const a = await laptop({ demo: true });
    await expectAppError(
      a.api['sync:connect']({ url, username: 'li', password: 'wrong password', deviceName: 'x' }),
      'auth.invalid',
    );
    await expectAppError(
      a.api['sync:connect']({
        url: 'http://127.0.0.1:9/',
        username: 'li',
        password: 'x',
        deviceName: 'x',
      }),
      'sync.unreachable',
    );
    expect((await a.api['sync:status']({})).state).toBe('not_configured');
  });
});

describe('live sync', () => {
  it('shows a change from laptop A on laptop B without anyone pressing Sync', async () => {
    const { url, addUser, server } = await startSyncServer();
    // A panel's design is the manager's to correct.
    await addUser('li', 'manager');
    await addUser('wang', 'engineer');
    const a = await laptop();
    const b = await laptop();
    const p = await tinyProject(a);
    await connect(a, url, 'li', true);
    await connect(b, url, 'wang', false, p.projectId);
    a.sync.start();
    b.sync.start();
    // Once both laptops' event streams are attached, write on A only.
    await expect.poll(() => server.notifier.listeners(p.projectId)).toBe(2);
    await a.store.write((w) => w.update('panels', p.panelIds[3]!, { cage_weight_t: 58 }));
    await expect
      .poll(async () => (await b.db('panels').where({ id: p.panelIds[3] }).first()).cage_weight_t, {
        timeout: 10_000,
        interval: 50,
      })
      .toBe(58);
  });
});
