import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { EMPTY_LOG_FIELDS } from '../../../main/domain/daily-log';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';

describe('crews, staff and the daily log', () => {
  it('records eight teams on two shifts and totals them against the plan', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const siteDay = '2023-01-28';
    const day = { projectId: ids.projectId, siteDay };
    expect((await app.api['crews:day'](day)).records).toEqual([]);
    let result;
    for (const team of ids.teams) {
      for (const shift of ['day', 'night'] as const) {
        result = await app.api['crews:set']({
          ...day,
          shift,
          teamId: team.id,
          headcount: shift === 'day' ? 30 : 20,
          hours: 12,
          foreman: '王工',
        });
      }
    }
    expect(result!.records).toHaveLength(16);
    expect(result!.totals).toMatchObject({
      day: 240,
      night: 160,
      workers: 400,
      plan: 'within',
      staff: null,
    });
    // Setting a team again updates its record rather than adding a second one.
    result = await app.api['crews:set']({
      ...day,
      shift: 'day',
      teamId: ids.teams[0]!.id,
      headcount: 25,
      hours: 12,
    });
    expect(result.records).toHaveLength(16);
    expect(result.totals).toMatchObject({ workers: 395, plan: 'below' });
    await app.api['crews:staff']({ ...day, headcount: 150 });
    result = await app.api['crews:staff']({ ...day, headcount: 148 });
    expect(result.staff).toBe(148);
    expect(
      await app.db('staff_counts').where({ project_id: ids.projectId, site_day: siteDay }),
    ).toHaveLength(1);
  });

  it('refuses a headcount that is not a whole number, and changes nothing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    for (const headcount of [12.5, -1, '30', 1e9]) {
      const reply = await dispatch(app.api, 'crews:set', {
        projectId: ids.projectId,
        siteDay: ids.asOf,
        shift: 'day',
        teamId: ids.teams[0]!.id,
        headcount,
        hours: 12,
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    const badShift = await dispatch(app.api, 'crews:set', {
      projectId: ids.projectId,
      siteDay: ids.asOf,
      shift: 'evening',
      teamId: ids.teams[0]!.id,
      headcount: 3,
      hours: 12,
    });
    expect(badShift).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('keeps one log per day, and Today lists what is still missing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const day = { projectId: ids.projectId, siteDay: '2023-01-28' };
    let today = await app.api['today:get'](day);
    expect(today.missing.map((m) => m.kind)).toEqual([
      'weather',
      'crews',
      'crews',
      'staff',
      'progress',
    ]);
    expect(today.missing.find((m) => m.kind === 'crews')).toMatchObject({
      shift: 'day',
      teamIds: ids.teams.map((t) => t.id),
    });

    await app.api['log:save']({
      ...day,
      fields: {
        ...EMPTY_LOG_FIELDS,
        weatherAm: 'sunny',
        weatherPm: 'light_rain',
        tempMinC: 2,
        tempMaxC: 9,
        notes: '  ',
      },
    });
    const saved = await app.api['log:save']({
      ...day,
      fields: {
        ...EMPTY_LOG_FIELDS,
        weatherAm: 'sunny',
        weatherPm: 'rain',
        tempMinC: 2,
        tempMaxC: 9,
        safety: '吊装区域已围挡',
      },
    });
    expect(saved).toMatchObject({ weatherPm: 'rain', notes: null, safety: '吊装区域已围挡' });
    expect(
      await app.db('daily_logs').where({ project_id: ids.projectId, site_day: '2023-01-28' }),
    ).toHaveLength(1);
    for (const team of ids.teams)
      await app.api['crews:set']({
        ...day,
        shift: 'day',
        teamId: team.id,
        headcount: 30,
        hours: 12,
      });
    await app.api['crews:staff']({ ...day, headcount: 150 });
    today = await app.api['today:get'](day);
    expect(today.missing.map((m) => m.kind)).toEqual(['crews', 'progress']);
    expect(today.log?.weatherPm).toBe('rain');
  });

  it('refuses a log whose minimum temperature is above its maximum', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const reply = await dispatch(app.api, 'log:save', {
      projectId: ids.projectId,
      siteDay: ids.asOf,
      fields: { ...EMPTY_LOG_FIELDS, tempMinC: 10, tempMaxC: 2 },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('shows the demo day as recorded: crews, weather and the day’s stage events', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const today = await app.api['today:get']({ projectId: ids.projectId, siteDay: ids.asOf });
    expect(today.crews.records).toHaveLength(16);
    expect(today.crews.totals.workers).toBeGreaterThan(350);
    expect(today.log?.notes).toContain('春节');
    expect(today.missing).toEqual([]);
  });

  it('saves only the fields a form changed, so another person’s part of the record stands', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const day = { projectId: ids.projectId, siteDay: '2023-01-28' };
    const team = { ...day, shift: 'day' as const, teamId: ids.teams[0]!.id };
    await app.api['crews:set']({ ...team, headcount: 30, hours: 12, foreman: '王工' });
    await app.api['log:save']({ ...day, fields: { weatherAm: 'cloudy' } });

    // Two forms open on the same record; each changes its own field.
    const crewForm = (await app.api['crews:day'](day)).records[0]!;
    const logForm = (await app.api['today:get'](day)).log!;
    await app.api['crews:set']({ ...team, foreman: '张工' });
    await app.api['log:save']({ ...day, fields: { weatherPm: 'rain' } });
    await app.api['crews:set']({
      ...team,
      headcount: 32,
      seen: { headcount: crewForm.versions!.headcount },
    });
    await app.api['log:save']({
      ...day,
      fields: { safety: '泥浆比重复测' },
      seen: { safety: logForm.versions.safety },
    });
    expect((await app.api['crews:day'](day)).records).toMatchObject([
      { headcount: 32, hours: 12, foreman: '张工' },
    ]);
    expect((await app.api['today:get'](day)).log).toMatchObject({
      weatherAm: 'cloudy',
      weatherPm: 'rain',
      safety: '泥浆比重复测',
    });
    // The version sent with a field is the base the server judges overwrites by.
    const sent = await app.db('outbox').where({ col: 'headcount' }).orderBy('seq', 'desc').first();
    expect(sent.base_hlc).toBe(crewForm.versions!.headcount);
  });

  it('refuses a new crew record without a headcount or hours, and writes nothing', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    const reply = await dispatch(app.api, 'crews:set', {
      projectId: ids.projectId,
      siteDay: '2023-01-28',
      shift: 'night',
      teamId: ids.teams[1]!.id,
      foreman: '李工',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await dbChecksum(app.db)).toBe(before);
  });
});
