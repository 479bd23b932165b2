// Roles hold on the server, change by change, and on the laptop, offline, by the same rule
// (main/domain/roles.ts): an engineer's refused change is refused alone and at once.
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { newId } from '../../../main/domain/ids';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';
import { connect, laptop } from '../../helpers/laptops';
import type { Change } from '../../../main/domain/sync-protocol';
import { pushAs, signInDevice } from '../../helpers/protocol';
import { startSyncServer } from '../../helpers/sync-server';

const PROJECT = newId();
let op = 0;
const cell = (tbl: string, row: string, col: string, value: unknown, node: string) => ({
  op_id: ++op,
  hlc: encodeHlc({ millis: Date.now(), counter: op % 0xffff, node }),
  tbl,
  row_id: row,
  col,
  value,
  base_hlc: null,
});

async function login(url: string, username: string, client: string) {
  return (await signInDevice(url, username, client)).token;
}

function push(url: string, token: string, client: string, changes: ReturnType<typeof cell>[]) {
  return pushAs(url, { token, clientId: client }, PROJECT, changes as Change[]);
}

describe('roles on the server', () => {
  it('refuses each manager-only change of an engineer alone, applies the rest, and viewers write nothing', async () => {
    const s = await startSyncServer();
    for (const [user, role] of [
      ['eng', 'engineer'],
      ['mgr', 'manager'],
      ['view', 'viewer'],
    ] as const)
      await s.addUser(user, role, PROJECT);
    const token = {
      eng: await login(s.url, 'eng', 'bbbbbbbbbbbbbbbb'),
      mgr: await login(s.url, 'mgr', 'aaaaaaaaaaaaaaaa'),
      view: await login(s.url, 'view', 'cccccccccccccccc'),
    };
    await s.server.store.publish(PROJECT, 'mgr');
    const ids = {
      structure: newId(),
      milestone: newId(),
      sheet: newId(),
      change: newId(),
      conflict: newId(),
      team: newId(),
      panel: newId(),
      panelChange: newId(),
      log: newId(),
    };
    // The manager sets the project up.
    const setUp = [
      cell('projects', PROJECT, 'code', 'HT', 'aaaaaaaaaaaaaaaa'),
      ...Object.entries(ids).map(([, id]) =>
        cell(
          {
            structure: 'structures',
            milestone: 'milestones',
            sheet: 'sheet_revisions',
            change: 'milestone_changes',
            conflict: 'conflicts',
            team: 'teams',
            panel: 'panels',
            panelChange: 'panel_changes',
            log: 'daily_logs',
          }[Object.entries(ids).find(([, v]) => v === id)![0]]!,
          id,
          'project_id',
          PROJECT,
          'aaaaaaaaaaaaaaaa',
        ),
      ),
    ];
    expect((await push(s.url, token.mgr, 'aaaaaaaaaaaaaaaa', setUp)).status).toBe(200);

    const managerOnly: [string, string, string, unknown][] = [
      ['projects', PROJECT, 'calendar', '{"restWeekdays":[0],"nonWorking":[],"reduced":[]}'],
      ['structures', ids.structure, 'planned_start', '2023-01-01'],
      ['structures', ids.structure, 'planned_finish', '2023-02-20'],
      ['milestones', ids.milestone, 'due_date', '2023-03-01'],
      ['milestones', ids.milestone, 'baseline_date', '2023-03-01'],
      ['milestone_changes', ids.change, 'reason', 'rain'],
      // The set-up is the manager's: the project, structures, teams, panels, milestones.
      ['projects', PROJECT, 'name_en', 'Haitai'],
      ['structures', ids.structure, 'name_en', 'Haimen working shaft'],
      ['structures', ids.structure, 'retired_at', '2023-01-27T02:00:00.000Z'],
      ['teams', ids.team, 'name_en', 'Surveyors'],
      ['panels', ids.panel, 'cage_weight_t', 48],
      ['panel_changes', ids.panelChange, 'reason', 'drawing rev. B'],
      ['milestones', ids.milestone, 'name_en', 'Shaft walls complete'],
      ['sheet_revisions', ids.sheet, 'status', 'approved'],
      ['sheet_revisions', ids.sheet, 'approved_by', 'eng'],
      ['conflicts', ids.conflict, 'resolution', 'lost'],
    ];
    const allowed: [string, string, string, unknown][] = [
      ['daily_logs', ids.log, 'weather_am', 'rain'],
      ['sheet_revisions', ids.sheet, 'status', 'submitted'],
      ['conflicts', ids.conflict, 'target_col', 'headcount'],
    ];
    const cellsOnServer = () => s.server.store.knex('cells').orderBy(['tbl', 'row_id', 'col']);
    for (const [tbl, row, col, value] of managerOnly) {
      const before = await cellsOnServer();
      const batch = [
        cell(tbl, row, col, value, 'bbbbbbbbbbbbbbbb'),
        cell('daily_logs', ids.log, 'location', `海门 ${op}`, 'bbbbbbbbbbbbbbbb'),
      ];
      const res = await push(s.url, token.eng, 'bbbbbbbbbbbbbbbb', batch);
      const body = (await res.json()) as {
        acked: number[];
        rejected: { op_id: number; code: string; reason: string }[];
      };
      expect(body.rejected, `${tbl}.${col}`).toEqual([
        {
          op_id: batch[0]!.op_id,
          code: 'auth.forbidden',
          reason: `engineer may not change ${tbl}.${col}`,
        },
      ]);
      expect(body.acked).toEqual([batch[1]!.op_id]);
      const after = await cellsOnServer();
      expect(
        after.filter((c: { tbl: string; col: string }) => c.tbl === tbl && c.col === col),
      ).toEqual(before.filter((c: { tbl: string; col: string }) => c.tbl === tbl && c.col === col));
      // A manager may.
      const byManager = await push(s.url, token.mgr, 'aaaaaaaaaaaaaaaa', [
        cell(tbl, row, col, value, 'aaaaaaaaaaaaaaaa'),
      ]);
      expect(((await byManager.json()) as { rejected: unknown[] }).rejected).toEqual([]);
    }
    for (const [tbl, row, col, value] of allowed) {
      const res = await push(s.url, token.eng, 'bbbbbbbbbbbbbbbb', [
        cell(tbl, row, col, value, 'bbbbbbbbbbbbbbbb'),
      ]);
      expect(((await res.json()) as { rejected: unknown[] }).rejected, `${tbl}.${col}`).toEqual([]);
    }
    const before = await s.server.store.maxSeq();
    const byViewer = await push(s.url, token.view, 'cccccccccccccccc', [
      cell('daily_logs', ids.log, 'location', 'x', 'cccccccccccccccc'),
    ]);
    expect(byViewer.status).toBe(403);
    expect(await s.server.store.maxSeq()).toBe(before);
  });
});

describe('roles on the laptop, offline', () => {
  it('a never-connected laptop is the owner; a signed-in engineer is refused at once, offline', async () => {
    const owner = await laptop({ demo: true });
    expect((await owner.api['app:info']({})).user.role).toBe('owner');
    const own = await demoIds(owner);
    await owner.api['sheet:submit']({ projectId: own.projectId, siteDay: own.asOf });
    await owner.api['sheet:approve']({ projectId: own.projectId, siteDay: own.asOf });

    const s = await startSyncServer();
    await s.addUser('wang', 'manager');
    await s.addUser('li', 'engineer');
    let online = true;
    const net: typeof fetch = async (input, init) => {
      if (!online) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const a = await laptop({ demo: true, fetch: net });
    await connect(a, s.url, 'wang', true);
    const ids = await demoIds(a);
    const e = await laptop({ fetch: net });
    await connect(e, s.url, 'li', false, ids.projectId);
    expect((await e.api['app:info']({})).user).toEqual({ name: 'li', role: 'engineer' });

    online = false; // on the train
    const day = { projectId: ids.projectId, siteDay: ids.asOf };
    await e.api['sheet:submit'](day);
    const before = await dbChecksum(e.db);
    await expectAppError(e.api['sheet:approve'](day), 'auth.forbidden');
    await expectAppError(
      e.api['schedule:set-calendar']({
        projectId: ids.projectId,
        calendar: { restWeekdays: [0], nonWorking: [], reduced: [] },
      }),
      'auth.forbidden',
    );
    await expectAppError(
      e.api['milestones:set-due']({ milestoneId: ids.milestone.id, dueDate: '2023-03-01' }),
      'auth.forbidden',
    );
    await expectAppError(
      e.api['schedule:set-plan']({
        structureId: ids.structureId,
        plannedStart: null,
        plannedFinish: null,
      }),
      'auth.forbidden',
    );
    // Nor may they change the set-up: a team, a panel, a milestone.
    await expectAppError(
      e.api['teams:save']({
        projectId: ids.projectId,
        code: 'survey2',
        nameZh: '测量二班',
        nameEn: 'Survey team 2',
      }),
      'auth.forbidden',
    );
    await expectAppError(
      e.api['panels:retire']({ panelId: ids.notStarted[0]!.id, retired: true }),
      'auth.forbidden',
    );
    await expectAppError(
      e.api['milestones:update']({ milestoneId: ids.milestone.id, nameEn: 'Walls' }),
      'auth.forbidden',
    );
    expect(await dbChecksum(e.db)).toBe(before);
    // Progress is the engineer's to record, offline.
    await e.api['crews:staff']({ ...day, headcount: 149 });

    // The manager approves offline too; it is accepted when the network returns.
    await a.api['sheet:submit'](day);
    await a.api['sheet:approve'](day);
    online = true;
    await a.api['sync:now']({});
    await e.api['sync:now']({});
    await a.api['sync:now']({});
    for (const app of [a, e])
      expect((await app.api['sync:status']({})).rejected, 'nothing refused').toBe(0);
    const state = await e.api['sheet:state'](day);
    expect(state.approved).toMatchObject({ status: 'approved', approvedBy: 'wang' });
  });
});
