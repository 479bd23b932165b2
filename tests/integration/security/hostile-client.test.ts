// Issue 26: an ordinary engineer's account attacks a running server with a client written against
// the HTTP protocol, not the app's sync engine. Each attack is judged from the victim's side: the
// manager's laptop, after it syncs, shows nothing changed, and his later changes still reach the
// server and the other laptops. On SQLite and on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../main/domain/ids';
import { naturalId } from '../../../main/domain/natural-keys';
import type { Change } from '../../../main/domain/sync-protocol';
import { ATTACKER_CLIENT, DAY, scene, type Scene } from '../../helpers/hostile-scene';
import { replicaState } from '../../helpers/laptops';
import { callAs, changesOf, pushAs } from '../../helpers/protocol';
import { SERVER_KINDS, startSyncServer } from '../../helpers/sync-server';

type PushAnswer = { acked: number[]; rejected: { op_id: number; code: string }[] };

async function attack(
  sc: Scene,
  cells: [string, string, string, Change['value']][],
  options: { replay?: boolean; projectId?: string } = {},
): Promise<PushAnswer> {
  const res = await pushAs(
    sc.s.url,
    sc.attacker,
    options.projectId ?? sc.p1.projectId,
    changesOf(ATTACKER_CLIENT, cells, { firstOp: Date.now() % 1e9, replay: options.replay }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as PushAnswer;
}

/** The victim syncs: what his laptop holds must be what it held before the attack. */
async function victimSeesNothing(sc: Scene, before: Awaited<ReturnType<typeof replicaState>>) {
  await sc.a.sync.syncNow();
  expect(await replicaState(sc.a.db)).toEqual(before);
  // Nothing refused waits aside either: only an engineer's row still missing its other cells.
  expect(await sc.a.db('sync_pending').whereNot({ reason: 'row' }).select('tbl', 'col')).toEqual(
    [],
  );
}

/** The victim's later changes reach the server and the other laptop. */
async function victimStillHeard(sc: Scene) {
  await sc.a.store.write(async (w) => {
    await w.update('milestones', sc.p1.milestoneId, { due_date: '2023-03-06' });
    await w.update('panels', sc.p1.panelIds[0]!, { design_depth_m: 62.5 });
  });
  await sc.a.sync.syncNow();
  expect((await sc.a.api['sync:status']({})).pendingChanges).toBe(0);
  await sc.b.sync.syncNow();
  expect((await sc.b.db('milestones').where({ id: sc.p1.milestoneId }).first()).due_date).toBe(
    '2023-03-06',
  );
  expect((await sc.b.db('panels').where({ id: sc.p1.panelIds[0] }).first()).design_depth_m).toBe(
    62.5,
  );
}

describe.each(SERVER_KINDS)('a hostile engineer against a %s server', (_kind, options) => {
  it('cannot forge the set-up, approvals or a deleted project with replays', async () => {
    const sc = await scene(await options());
    const before = await replicaState(sc.a.db);
    const { projectId } = sc.p1;
    const [team, panel, milestone, sheet] = [newId(), newId(), newId(), newId()];
    const conflict = newId();
    const answer = await attack(
      sc,
      [
        ['teams', team, 'project_id', projectId],
        ['teams', team, 'code', 'X'],
        ['panels', panel, 'project_id', projectId],
        ['panels', panel, 'code', 'Z9'],
        ['milestones', milestone, 'project_id', projectId],
        ['milestones', milestone, 'due_date', '2024-12-31'],
        ['panels', sc.p1.panelIds[1]!, 'retired_at', '2023-01-05T00:00:00.000Z'],
        ['panels', sc.p1.panelIds[2]!, 'deleted_at', '2023-01-05T00:00:00.000Z'],
        ['milestones', sc.p1.milestoneId, 'deleted_at', '2023-01-05T00:00:00.000Z'],
        ['sheet_revisions', sheet, 'status', 'approved'],
        ['sheet_revisions', sheet, 'approved_by', 'mgr'],
        ['conflicts', conflict, 'resolution', 'lost'],
        ['projects', projectId, 'deleted_at', '2023-01-05T00:00:00.000Z'],
      ],
      { replay: true },
    );
    // Rows of no project, or with no cell an engineer may write, are refused whole.
    expect(answer.acked).toEqual([]);
    expect(new Set(answer.rejected.map((r) => r.code))).toEqual(
      new Set(['auth.forbidden', 'sync.project_mismatch']),
    );
    await victimSeesNothing(sc, before);
    expect((await sc.a.api['project:list']({})).map((p) => p.id)).toContain(projectId);
    await victimStillHeard(sc);
  });

  it('cannot push under the manager’s client id, nor read his counter, to drop his changes', async () => {
    const sc = await scene(await options());
    const victim = sc.a.store.identity.nodeId;
    const next = Number((await sc.a.db('outbox').max({ m: 'seq' }).first())?.m ?? 0) + 1;
    for (const client of [victim, sc.c.store.identity.nodeId]) {
      const noOps = changesOf(client, [['daily_logs', newId(), 'project_id', sc.p1.projectId]], {
        firstOp: next,
      });
      const res = await pushAs(sc.s.url, sc.attacker, sc.p1.projectId, noOps, client);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'sync.client_taken',
      );
      const peek = await callAs(
        sc.s.url,
        sc.attacker,
        'GET',
        `/projects/${sc.p1.projectId}/clients/${client}`,
      );
      expect(peek.status).toBe(403);
    }
    await victimStillHeard(sc);
  });

  it('cannot claim another project’s rows', async () => {
    const sc = await scene(await options());
    const answer = await attack(sc, [
      ['milestones', sc.p2.milestoneId, 'project_id', sc.p1.projectId],
      ['milestones', sc.p2.milestoneId, 'name_en', 'claimed'],
      ['daily_logs', sc.p2.logId, 'project_id', sc.p1.projectId],
      ['daily_logs', sc.p2.logId, 'notes', 'claimed'],
      // Nor move a row of its own project.
      ['panels', sc.p1.panelIds[3]!, 'project_id', sc.p2.projectId],
    ]);
    expect(answer.acked).toEqual([]);
    expect(answer.rejected.map((r) => r.code)).toEqual(
      Array(5).fill('sync.project_mismatch') as string[],
    );
    // The other project's manager edits his own milestone and day as before.
    await sc.c.store.write((w) =>
      w.update('milestones', sc.p2.milestoneId, { due_date: '2023-04-01' }),
    );
    await sc.c.api['log:save']({
      projectId: sc.p2.projectId,
      siteDay: DAY,
      fields: { notes: '二号井 续' },
    });
    await sc.c.sync.syncNow();
    expect(await sc.c.api['sync:rejected']({})).toEqual([]);
    expect((await sc.c.api['sync:status']({})).pendingChanges).toBe(0);
    const held = await sc.s.server.store
      .knex('cells')
      .where({ row_id: sc.p2.milestoneId, col: 'due_date' })
      .pluck('project_id');
    expect(held).toEqual([sc.p2.projectId]);
  });

  it('cannot put wrong values on the official sheet, nor JSON that breaks a screen', async () => {
    const sc = await scene(await options());
    const before = await replicaState(sc.a.db);
    const { projectId, teamIds, panelIds } = sc.p1;
    const crew = naturalId(projectId, 'crew_shifts', [DAY, 'day', teamIds[0]!]);
    const [ledger, change, sheet] = [newId(), newId(), newId()];
    const log = naturalId(projectId, 'daily_logs', [DAY]);
    const answer = await attack(sc, [
      ['crew_shifts', crew, 'project_id', projectId],
      ['crew_shifts', crew, 'headcount', 'lots'],
      ['crew_shifts', crew, 'hours', 1e308],
      ['conflicts', ledger, 'project_id', projectId],
      ['conflicts', ledger, 'kept_value', '{"unterminated'],
      ['panel_changes', change, 'project_id', projectId],
      ['panel_changes', change, 'changes', 'not json'],
      ['sheet_revisions', sheet, 'project_id', projectId],
      ['sheet_revisions', sheet, 'sheet', '{'],
      ['daily_logs', log, 'project_id', projectId],
      ['daily_logs', log, 'temp_max_c', 1e308],
    ]);
    expect(answer.rejected.map((r) => r.code)).toEqual([
      'sync.invalid_value',
      'sync.invalid_value',
      'sync.invalid_value',
      'auth.forbidden',
      'sync.invalid_value',
      'sync.invalid_value',
      'sync.invalid_value',
    ]);
    await victimSeesNothing(sc, before);
    const preview = await sc.a.api['sheet:preview']({ projectId, siteDay: DAY, lang: 'en' });
    expect(preview.html).not.toContain('lots');
    await sc.a.api['panels:get']({ panelId: panelIds[0]! });
    await sc.a.api['sync:conflicts']({ projectId });
  });

  it('cannot write someone else’s name as the author: the server names the writer', async () => {
    const sc = await scene(await options());
    const { projectId } = sc.p1;
    const manager = sc.a.store.identity;
    const log = naturalId(projectId, 'daily_logs', [DAY]);
    const imported = newId();
    const answer = await attack(sc, [
      ['daily_logs', log, 'project_id', projectId],
      ['daily_logs', log, 'site_day', DAY],
      ['daily_logs', log, 'notes', '经理已确认'],
      ['daily_logs', log, 'created_at', '2023-01-05T08:00:00.000Z'],
      ['daily_logs', log, 'updated_at', '2023-01-05T08:00:00.000Z'],
      ['daily_logs', log, 'updated_by', manager.userId],
      ['attendance_imports', imported, 'project_id', projectId],
      ['attendance_imports', imported, 'fingerprint', 'f'.repeat(64)],
      ['attendance_imports', imported, 'file_name', 'gate.csv'],
      ['attendance_imports', imported, 'imported_by', manager.userName],
      ['attendance_imports', imported, 'imported_at', '2023-01-05T08:00:00.000Z'],
      ['attendance_imports', imported, 'records', 3],
      ['attendance_imports', imported, 'created_at', '2023-01-05T08:00:00.000Z'],
      ['attendance_imports', imported, 'updated_at', '2023-01-05T08:00:00.000Z'],
    ]);
    expect(answer.rejected).toEqual([]);
    await sc.a.sync.syncNow();
    expect(await sc.a.db('daily_logs').where({ id: log }).first('notes', 'updated_by')).toEqual({
      notes: '经理已确认',
      updated_by: sc.attacker.userId,
    });
    expect(
      (await sc.a.db('attendance_imports').where({ id: imported }).first('imported_by'))
        .imported_by,
    ).toBe('eng');
    // The manager's own writes still name him, on his laptop and on the others.
    await sc.a.api['log:save']({ projectId, siteDay: DAY, fields: { safety: '安全帽检查' } });
    await sc.a.sync.syncNow();
    await sc.b.sync.syncNow();
    for (const app of [sc.a, sc.b])
      expect((await app.db('daily_logs').where({ id: log }).first('updated_by')).updated_by).toBe(
        manager.userId,
      );
  });

  it('cannot grow the server or the laptops with made-up columns and huge values', async () => {
    const sc = await scene(await options());
    const before = await replicaState(sc.a.db);
    const cellsBefore = await sc.s.server.store.knex('cells').count({ n: '*' }).first();
    const log = naturalId(sc.p1.projectId, 'daily_logs', [DAY]);
    const answer = await attack(sc, [
      ['daily_logs', log, 'junk_1', 'x'.repeat(60_000)],
      ['made_up_table', newId(), 'project_id', sc.p1.projectId],
      ['daily_logs', log, 'notes', 'x'.repeat(60_000)],
    ]);
    expect(answer.rejected.map((r) => r.code)).toEqual([
      'sync.project_mismatch',
      'sync.unknown_column',
      'sync.project_mismatch',
    ]);
    // With its project named, a log row still takes no made-up column and no 60 KB note.
    const second = await attack(sc, [
      ['daily_logs', log, 'project_id', sc.p1.projectId],
      ['daily_logs', log, 'junk_1', 'x'.repeat(60_000)],
      ['daily_logs', log, 'notes', 'x'.repeat(60_000)],
    ]);
    expect(second.rejected.map((r) => r.code)).toEqual([
      'sync.unknown_column',
      'sync.invalid_value',
    ]);
    const cellsAfter = await sc.s.server.store.knex('cells').count({ n: '*' }).first();
    expect(Number(cellsAfter!.n) - Number(cellsBefore!.n)).toBe(1);
    await victimSeesNothing(sc, before);
  });
});

describe('sign-in', () => {
  it('never locks a correct password out for another person’s failures', async () => {
    const s = await startSyncServer({ loginPerMinute: 10, trustProxy: ['127.0.0.1'] });
    await s.addUser('mgr', 'manager');
    const attempt = (username: string, password: string, from?: string) =>
      fetch(`${s.url}/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(from ? { 'x-forwarded-for': from } : {}),
        },
        body: JSON.stringify({ username, password, device_name: 'x' }),
      });
    for (let i = 0; i < 12; i++)
      expect((await attempt(`someone${i}`, 'wrong password')).status).toBe(401);
    expect((await attempt('mgr', 'correct horse battery')).status).toBe(200);
    // Behind the proxy, someone guessing the manager's password from elsewhere is stopped there…
    const guesses: number[] = [];
    for (let i = 0; i < 12; i++)
      guesses.push((await attempt('mgr', `guess ${i}`, '203.0.113.9')).status);
    expect(guesses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(guesses.slice(10)).toEqual([429, 429]);
    // …and the manager at the site office still signs in.
    expect((await attempt('mgr', 'correct horse battery', '198.51.100.7')).status).toBe(200);
  });
});
