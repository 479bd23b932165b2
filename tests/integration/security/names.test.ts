// Issue 26, "authors from the server": a name on a timeline, a ledger or the sheet is the server's
// account name for the user id the server stamped, never a name another laptop wrote. And what a
// laptop sets aside of a pull is listed with its author and its reason.
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { naturalId } from '../../../main/domain/natural-keys';
import type { Authors, ServerChange } from '../../../main/domain/sync-protocol';
import { ATTACKER_CLIENT, scene } from '../../helpers/hostile-scene';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { connect, laptop } from '../../helpers/laptops';
import { callAs, changesOf, pushAs } from '../../helpers/protocol';
import { appendUnjudged, SERVER_KINDS } from '../../helpers/sync-server';

type PushAnswer = { acked: number[]; rejected: { op_id: number; code: string }[] };

describe.each(SERVER_KINDS)('names on a %s server', (_kind, options) => {
  it('an engineer cannot rename the manager: the server’s accounts name every author', async () => {
    const sc = await scene(await options());
    const { projectId, panelIds } = sc.p1;
    const manager = sc.a.store.identity;
    await sc.a.api['stages:record']({
      panelId: panelIds[0]!,
      stage: 'guide_wall',
      siteDay: '2023-01-05',
      shift: 'day',
      measurements: GOOD_MEASUREMENTS.guide_wall,
    });
    await sc.a.sync.syncNow();
    // The manager's laptop named the user it wrote under before it signed in.
    const local = (await sc.a.db('people').whereNot({ user_id: manager.userId }).first())!;
    const peopleRow = (userId: string) => naturalId(projectId, 'people', [userId]);
    const cells = (userId: string, name: string): [string, string, string, string][] => [
      ['people', peopleRow(userId), 'project_id', projectId],
      ['people', peopleRow(userId), 'user_id', userId],
      ['people', peopleRow(userId), 'name', name],
      ['people', peopleRow(userId), 'created_at', '2023-01-05T08:00:00.000Z'],
      ['people', peopleRow(userId), 'updated_at', '2023-01-05T08:00:00.000Z'],
    ];
    const attack = [
      ...cells(manager.userId, '王经理（已离职）'),
      ['people', local.id as string, 'name', '冒名'] as [string, string, string, string],
      ...cells(sc.attacker.userId, 'mgr'),
    ];
    const res = await pushAs(
      sc.s.url,
      sc.attacker,
      projectId,
      changesOf(ATTACKER_CLIENT, attack, { firstOp: 1 }),
    );
    const answer = (await res.json()) as PushAnswer;
    // The manager's account and the name he gave his local user are his; the attacker's own row
    // is taken, under his own name.
    expect(answer.rejected.map((r) => [r.op_id, r.code])).toEqual([
      ...[1, 2, 3, 4, 5].map((op) => [op, 'auth.forbidden']),
      [6, 'auth.forbidden'],
    ]);
    // A people row an older server took unjudged still does not rename anyone.
    await appendUnjudged(
      sc.s.server,
      projectId,
      changesOf('ee00000000000000', [['people', peopleRow(manager.userId), 'name', '冒名']], {
        firstOp: 100,
        millis: Date.now() + 1000,
      }),
      'ee00000000000000',
      sc.attacker.userId,
    );
    await sc.a.sync.syncNow();
    await sc.b.sync.syncNow();
    for (const app of [sc.a, sc.b]) {
      const panel = await app.api['panels:get']({ panelId: panelIds[0]! });
      expect(panel.events.map((e) => e.recordedByName)).toEqual(['mgr']);
      expect(await app.db('authors').where({ user_id: manager.userId }).first('name')).toEqual({
        name: 'mgr',
      });
    }
    expect(
      (
        await sc.b
          .db('people')
          .where({ id: peopleRow(sc.attacker.userId) })
          .first()
      ).name,
    ).toBe('eng');

    // Each pulled change carries its author; the page names them from the server's accounts.
    const pulled = (await (
      await callAs(
        sc.s.url,
        sc.attacker,
        'GET',
        `/projects/${projectId}/changes?since=0&limit=5000`,
      )
    ).json()) as { changes: ServerChange[]; authors: Authors };
    const event = pulled.changes.find((c) => c.tbl === 'panel_stage_events' && c.col === 'stage')!;
    expect(event.user_id).toBe(manager.userId);
    expect(pulled.authors[manager.userId]).toBe('mgr');
    expect(pulled.authors[sc.attacker.userId]).toBe('eng');

    // A fresh laptop learns the names from its first download (the snapshot).
    const fresh = await laptop();
    await connect(fresh, sc.s.url, 'eng', false, projectId);
    const panel = await fresh.api['panels:get']({ panelId: panelIds[0]! });
    expect(panel.events.map((e) => e.recordedByName)).toEqual(['mgr']);
    expect(await fresh.db('authors').orderBy('name').pluck('name')).toEqual(['eng', 'mgr']);
  });

  it('lists what a laptop set aside, with its author and the rule it broke', async () => {
    const sc = await scene(await options());
    const { projectId, panelIds } = sc.p1;
    await appendUnjudged(
      sc.s.server,
      projectId,
      [
        {
          op_id: 1,
          hlc: encodeHlc({ millis: Date.now(), counter: 1, node: 'ee00000000000000' }),
          tbl: 'panels',
          row_id: panelIds[1]!,
          col: 'cage_weight_t',
          value: 'lots',
          base_hlc: null,
        },
      ],
      'ee00000000000000',
      sc.attacker.userId,
    );
    await sc.a.sync.syncNow();
    expect((await sc.a.api['sync:status']({})).keptAside).toBe(1);
    const [kept, ...rest] = await sc.a.api['sync:kept-aside']({});
    expect(rest).toEqual([]);
    expect(kept).toMatchObject({
      table: 'panels',
      rowId: panelIds[1],
      column: 'cage_weight_t',
      value: 'lots',
      reason: 'invalid',
      author: 'eng',
    });
    expect(kept!.detail).toContain('panels.cage_weight_t');
    expect(Date.parse(kept!.writtenAt)).toBeGreaterThan(Date.now() - 60_000);
    // Nothing of it reached the panel.
    expect(
      (await sc.a.db('panels').where({ id: panelIds[1] }).first('cage_weight_t')).cage_weight_t,
    ).not.toBe('lots');
  });
});
