// The schedule over the Haimen demo in a real SQLite file: forecasts, calendar, plans, due-date
// history, look-ahead, and `haitai forecast` printing what the screen shows.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { explainForecast } from '../../../main/domain/i18n/schedule-text';
import {
  capacityOn,
  dayNumber,
  dayOf,
  FORECAST_WINDOW,
  type WorkingCalendar,
} from '../../../main/domain/schedule';
import { openAppContext } from '../../../main/app/app-context';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

const WALLS = 'Shaft diaphragm walls complete';

describe('the schedule of the Haimen demo', () => {
  it('forecasts the shaft walls from the recorded output, reproducibly, and explains it', async () => {
    const [a, b] = [await demoApp(), await demoApp()];
    const ids = await demoIds(a);
    const view = await a.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf });
    const other = await b.api['schedule:get']({
      projectId: (await b.api['project:get']({})).id,
      asOf: ids.asOf,
    });
    const walls = view.milestones.find((m) => m.nameEn === WALLS)!;
    const f = walls.forecast;
    // Two laptops with the same recorded output give the same dates.
    expect(other.milestones.find((m) => m.nameEn === WALLS)!.forecast).toEqual(f);

    // The rate is the mean output of the last 28 full working days, read independently.
    const finished: { site_day: string }[] = await a
      .db('panel_stage_events')
      .where({ stage: 'concreting' })
      .whereNull('deleted_at')
      .where('site_day', '<=', ids.asOf)
      .select('site_day');
    expect(f.finished).toBe(finished.length);
    expect(f.total).toBe(60);
    const calendar = view.calendar;
    let sum = 0;
    for (let k = 0, n = dayNumber(ids.asOf); k < FORECAST_WINDOW; n--) {
      const day = dayOf(n);
      if (capacityOn(calendar, day) < 1) continue;
      sum += finished.filter((r) => r.site_day === day).length;
      k++;
    }
    expect(f.rate).toBeCloseTo(sum / FORECAST_WINDOW, 2);
    expect(f.p50! > ids.asOf).toBe(true);
    expect(f.p90! >= f.p50!).toBe(true);
    const expectedStatus =
      f.p90! <= walls.dueDate ? 'on_track' : f.p50! <= walls.dueDate ? 'at_risk' : 'late';
    expect(f.status).toBe(expectedStatus);

    const en = explainForecast('en', f, walls.dueDate, ids.asOf);
    expect(en).toContain(`${f.finished} of 60 panels done`);
    expect(en).toContain(`at ${f.rate} panels per working day`);
    expect(explainForecast('zh-CN', f, walls.dueDate, ids.asOf)).toContain(
      `已完成 ${f.finished}/60 幅`,
    );
  });

  it('moves the forecast by exactly the non-working days added to the calendar', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = (await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf }))
      .milestones[0]!.forecast;
    const project = await app.api['project:get']({});
    const stop: WorkingCalendar = {
      ...project.calendar,
      nonWorking: [{ from: '2023-02-01', to: '2023-02-05', label: '元宵节停工' }],
    };
    await app.api['schedule:set-calendar']({ projectId: ids.projectId, calendar: stop });
    const after = (await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf }))
      .milestones[0]!.forecast;
    const shift = (x: string, y: string) => dayNumber(y) - dayNumber(x);
    expect(shift(before.p50!, after.p50!)).toBe(5);
    expect(shift(before.p90!, after.p90!)).toBe(5);
    expect((await app.api['project:get']({})).calendar).toEqual(stop);
    // The calendar is one synced cell of its own.
    expect(
      await app.db('outbox').where({ tbl: 'projects', row_id: ids.projectId, col: 'calendar' }),
    ).toHaveLength(1);
  });

  it('refuses a malformed calendar or plan and changes nothing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    const calendar = (await app.api['project:get']({})).calendar;
    for (const bad of [
      { ...calendar, restWeekdays: [0, 1, 2, 3, 4, 5, 6] },
      { ...calendar, reduced: [{ from: '2023-02-01', to: '2023-02-02', label: '', capacity: 0 }] },
      { ...calendar, nonWorking: [{ from: '2023-02-09', to: '2023-02-01', label: '' }] },
      { ...calendar, nonWorking: [{ from: 'soon', to: '2023-02-01', label: '' }] },
    ])
      await expectAppError(
        app.api['schedule:set-calendar']({ projectId: ids.projectId, calendar: bad }),
        'input.invalid',
      );
    await expectAppError(
      app.api['schedule:set-plan']({
        structureId: ids.structureId,
        plannedStart: '2023-03-01',
        plannedFinish: '2023-01-01',
      }),
      'input.invalid',
    );
    await expectAppError(
      app.api['schedule:set-plan']({
        structureId: ids.milestone.id,
        plannedStart: null,
        plannedFinish: null,
      }),
      'not_found',
    );
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('draws planned against actual, from the structure plan and the calendar', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    await app.api['schedule:set-plan']({
      structureId: ids.structureId,
      plannedStart: '2022-11-10',
      plannedFinish: '2023-02-10',
    });
    const curve = await app.api['schedule:curve']({ structureId: ids.structureId, asOf: ids.asOf });
    const at = (day: string) => curve.points.find((p) => p.day === day)!;
    expect(at('2023-02-10').planned).toBe(60);
    expect(at('2022-11-09')?.planned ?? 0).toBe(0);
    const view = await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf });
    expect(at(ids.asOf).actual).toBe(view.structures[0]!.finished);
    expect(at('2023-02-01').actual).toBeNull();
    // Planned never falls, and a reduced day adds less than a full one.
    const planned = curve.points.map((p) => p.planned ?? 0);
    expect(planned.every((v, i) => i === 0 || v >= planned[i - 1]!)).toBe(true);
    const step = (day: string) =>
      at(day).planned! - curve.points[curve.points.findIndex((p) => p.day === day) - 1]!.planned!;
    expect(step('2023-01-24')).toBeLessThan(step('2023-01-10'));
  });

  it('keeps the baseline and records who moved a due date, when and why', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    await app.api['milestones:set-due']({
      milestoneId: ids.milestone.id,
      dueDate: '2023-02-28',
      reason: '春节后劳动力恢复慢',
    });
    // Setting the same date again records nothing.
    await app.api['milestones:set-due']({ milestoneId: ids.milestone.id, dueDate: '2023-02-28' });
    const view = await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf });
    const m = view.milestones.find((x) => x.id === ids.milestone.id)!;
    expect(m.dueDate).toBe('2023-02-28');
    expect(m.baselineDate).toBe('2023-02-20');
    expect(m.changes).toHaveLength(1);
    expect(m.changes[0]).toMatchObject({
      fromDate: '2023-02-20',
      toDate: '2023-02-28',
      changedBy: app.store.identity.userId,
      changedByName: app.store.identity.userName,
      reason: '春节后劳动力恢复慢',
    });
    // The history row is synced like any other.
    expect(await app.db('outbox').where({ tbl: 'milestone_changes' })).not.toHaveLength(0);
  });

  it('lists the panels part-way through in the next 14 days, each once', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const view = await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf });
    expect(view.lookAhead).toHaveLength(14);
    expect(view.lookAhead[0]!.day > ids.asOf).toBe(true);
    const listed = view.lookAhead.flatMap((d) => d.panels.map((p) => p.panelId)).sort();
    const partWay = ids.panels.filter(
      (p) => !['not_started', 'guide_wall', 'concreting'].includes(p.status),
    );
    expect(partWay.length).toBeGreaterThan(0);
    expect(listed).toEqual(partWay.map((p) => p.id).sort());
    const roster = view.lookAhead[0]!.crews!;
    expect(roster.teams).toBe(ids.teams.length);
    expect(roster.workers).toBeGreaterThan(0);
  });

  it('says there is not enough data for a milestone whose scope has not started', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const view = await app.api['schedule:get']({ projectId: ids.projectId, asOf: '2022-11-12' });
    const f = view.milestones[0]!.forecast;
    expect(f).toMatchObject({ status: 'not_enough_data', p50: null, p90: null });
    expect(explainForecast('en', f, view.milestones[0]!.dueDate, '2022-11-12')).toContain(
      'no date is given',
    );
  });
});

describe('haitai forecast', () => {
  it('prints the numbers and the sentence the Schedule screen shows', async () => {
    const dataDir = tempDir();
    expect(await runCli(['demo', '--data-dir', dataDir], captureCli().io)).toBe(0);
    const json = captureCli();
    expect(await runCli(['forecast', '--data-dir', dataDir, '--json'], json.io)).toBe(0);
    const report = JSON.parse(json.out.join('\n')) as {
      asOf: string;
      milestones: { id: string; forecast: unknown; explanation: string; dueDate: string }[];
    };
    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const project = await app.api['project:get']({});
      expect(report.asOf).toBe(project.settings.demoToday);
      const view = await app.api['schedule:get']({ projectId: project.id, asOf: report.asOf });
      expect(report.milestones.map((m) => m.forecast)).toEqual(
        view.milestones.map((m) => m.forecast),
      );
      const text = captureCli();
      expect(
        await runCli(
          [
            'forecast',
            '--data-dir',
            dataDir,
            '--lang',
            'zh-CN',
            '--milestone',
            report.milestones[0]!.id,
          ],
          text.io,
        ),
      ).toBe(0);
      expect(text.out.join('\n')).toContain(
        explainForecast(
          'zh-CN',
          view.milestones[0]!.forecast,
          view.milestones[0]!.dueDate,
          report.asOf,
        ),
      );
    } finally {
      await app.close();
    }
    const bad = captureCli();
    expect(await runCli(['forecast', '--data-dir', dataDir, '--as-of', '2023-02-30'], bad.io)).toBe(
      2,
    );
    expect(bad.err.join('\n')).toMatch(/--as-of/);
    expect(
      await runCli(['forecast', '--data-dir', dataDir, '--milestone', 'nope'], captureCli().io),
    ).toBe(1);
  });
});
