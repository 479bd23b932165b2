// Machines and materials through the API, as the Today screen and Settings call it: the register,
// a shift's hours with its rules, the previous shift carried as the default, the rigs' figures
// computed by hand, and the day's materials with the concrete taken from the pours.
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { rigStats } from '../../../main/domain/machines';
import { DEFAULT_CALENDAR } from '../../../main/domain/schedule/calendar';
import { dbChecksum } from '../../helpers/db-checksum';
import { expectAppError } from '../../helpers/expect-app-error';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2026-03-02T02:00:00Z');
const DAY = '2026-03-02';
const hours = (working: number, standby: number, down = 0, downReason: string | null = null) => ({
  hoursWorking: working,
  hoursStandby: standby,
  hoursDown: down,
  downReason: downReason as never,
  note: null,
});

async function site(): Promise<{ app: AppContext; projectId: string }> {
  const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', now: () => NOW });
  const project = await app.api['project:create']({
    code: 'TC',
    nameZh: '太仓工作井',
    nameEn: 'Taicang working shaft',
  });
  return { app, projectId: project.id };
}

describe('machines', () => {
  it('keeps a register, records a shift, and offers the previous shift as the default', async () => {
    const { app, projectId } = await site();
    await app.api['machines:save']({
      projectId,
      code: 'SG60-1',
      kind: 'hydraulic_grab',
      makeModel: '金泰 SG60',
      onSite: true,
    });
    const machines = await app.api['machines:save']({
      projectId,
      code: 'CC-260',
      kind: 'crawler_crane',
      makeModel: null,
      onSite: true,
    });
    expect(machines.map((m) => [m.code, m.kind, m.onSite])).toEqual([
      ['SG60-1', 'hydraulic_grab', true],
      ['CC-260', 'crawler_crane', true],
    ]);
    const grab = machines[0]!;
    await expectAppError(
      app.api['machines:save']({ projectId, code: 'SG60-1', kind: 'other', onSite: true }),
      'setup.code_taken',
    );

    const day = { projectId, siteDay: '2026-03-01' };
    await app.api['machines:set']({
      ...day,
      shift: 'night',
      machineId: grab.id,
      hours: hours(9, 1, 2, 'waiting_cage'),
    });
    // The next day shift starts from the night's hours, unsaved until the engineer saves it.
    const next = await app.api['machines:day']({ projectId, siteDay: DAY });
    const entry = next.shifts.day.find((e) => e.machineId === grab.id)!;
    expect(entry.recorded).toBeNull();
    expect(entry.carried).toMatchObject({
      hoursWorking: 9,
      hoursDown: 2,
      downReason: 'waiting_cage',
    });
    expect(next.shifts.day.find((e) => e.machineId !== grab.id)!.carried).toBeNull();

    // Saved twice, it is one record of that day, shift and machine.
    for (const h of [hours(8, 4), hours(10, 2)])
      await app.api['machines:set']({
        projectId,
        siteDay: DAY,
        shift: 'day',
        machineId: grab.id,
        hours: h,
      });
    const saved = await app.api['machines:day']({ projectId, siteDay: DAY });
    expect(saved.shifts.day.find((e) => e.machineId === grab.id)!.recorded).toMatchObject({
      hoursWorking: 10,
      hoursStandby: 2,
    });
    expect(await app.db('machine_shifts').where({ site_day: DAY }).count({ n: '*' })).toEqual([
      { n: 1 },
    ]);

    // A retired machine leaves the day's form unless it worked that day.
    await app.api['machines:retire']({ machineId: machines[1]!.id, retired: true });
    const after = await app.api['machines:day']({ projectId, siteDay: DAY });
    expect(after.machines.map((m) => m.code)).toEqual(['SG60-1']);
  });

  it('refuses hours that cannot be, and writes nothing', async () => {
    const { app, projectId } = await site();
    const [grab] = await app.api['machines:save']({
      projectId,
      code: 'BC40-1',
      kind: 'trench_cutter',
      onSite: true,
    });
    const before = await dbChecksum(app.db);
    const set = (h: ReturnType<typeof hours>, siteDay = DAY) =>
      app.api['machines:set']({ projectId, siteDay, shift: 'day', machineId: grab!.id, hours: h });
    const tooMany = await expectAppError(set(hours(10, 2, 1, 'breakdown')), 'input.invalid');
    expect(JSON.stringify(tooMany.details)).toContain('more than the 12 h shift');
    const noReason = await expectAppError(set(hours(10, 0, 2)), 'input.invalid');
    expect(JSON.stringify(noReason.details)).toContain('down time needs a reason');
    await expectAppError(set(hours(10, 2, 0, 'weather')), 'input.invalid');
    await expectAppError(set(hours(-1, 2)), 'input.invalid');
    await expectAppError(set(hours(8, 4), '2026-03-04'), 'date.too_far_ahead');
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('computes utilisation and wall per rig-day as by hand', () => {
    // Six days, all working; the window of 7 working days holds them all.
    const rig = { id: 'r', code: 'SG60-1' };
    const shifts = [
      { machineId: 'r', siteDay: '2026-03-01', hoursWorking: 10, hoursStandby: 2, hoursDown: 0 },
      { machineId: 'r', siteDay: '2026-03-01', hoursWorking: 6, hoursStandby: 6, hoursDown: 0 },
      { machineId: 'r', siteDay: '2026-03-02', hoursWorking: 0, hoursStandby: 8, hoursDown: 4 },
      { machineId: 'r', siteDay: '2026-03-03', hoursWorking: 8, hoursStandby: 4, hoursDown: 0 },
    ];
    const excavations = [
      // 6 m × 45 m and 3.6 m × 45.5 m of wall, and one of another rig.
      { siteDay: '2026-03-01', rig: 'SG60-1', areaM2: 270 },
      { siteDay: '2026-03-03', rig: 'SG60-1', areaM2: 163.8 },
      { siteDay: '2026-03-03', rig: 'BC40-1', areaM2: 300 },
    ];
    const [seven] = rigStats(DEFAULT_CALENDAR, '2026-03-03', [rig], shifts, excavations);
    // Working 24 h of 48 recorded; worked on 2 days; 433.8 m² ÷ 2 rig-days.
    expect(seven).toMatchObject({
      window: 7,
      hoursWorking: 24,
      hoursAvailable: 48,
      utilisation: 0.5,
      rigDays: 2,
      areaM2: 433.8,
      areaM2PerRigDay: 216.9,
    });
  });
});

describe('materials', () => {
  it('records deliveries and use, takes concrete from the pours, and removes a mistake', async () => {
    const app = await openAppContext({
      dataDir: tempDir(),
      runtime: 'test',
      seedDemo: true,
      now: () => new Date('2023-01-27T10:00:00Z'),
    });
    const project = await app.api['project:get']({});
    const day = { projectId: project.id, siteDay: '2023-01-27' };
    // The demo's day: its pours, and the concrete delivered for them.
    const demo = await app.api['materials:day'](day);
    const pours = await app
      .db('panel_stage_events as e')
      .join('panels as p', 'p.id', 'e.panel_id')
      .where({ 'e.stage': 'concreting', 'e.site_day': day.siteDay })
      .select('e.concrete_volume_m3 as actual', 'p.theoretical_volume_m3 as theoretical');
    const sum = (k: 'actual' | 'theoretical') =>
      Math.round(pours.reduce((n: number, p: Record<string, number>) => n + p[k]!, 0) * 10) / 10;
    expect(demo.concrete).toEqual({
      panels: pours.length,
      actualM3: sum('actual'),
      theoreticalM3: sum('theoretical'),
    });

    const entry = {
      kind: 'delivery' as const,
      material: 'HRB400 钢筋',
      quantity: 48.5,
      unit: 't' as const,
      supplier: '江苏沙钢集团',
      deliveryNote: 'SG-230127-2',
      note: null,
    };
    const added = await app.api['materials:add']({ ...day, entry });
    expect(added.entries).toHaveLength(demo.entries.length + 1);
    const mine = added.entries.at(-1)!;
    expect(mine).toMatchObject(entry);
    const corrected = await app.api['materials:update']({
      entryId: mine.id,
      entry: { ...entry, quantity: 45 },
    });
    expect(corrected.entries.at(-1)!.quantity).toBe(45);
    const removed = await app.api['materials:remove']({ entryId: mine.id });
    expect(removed.entries).toHaveLength(demo.entries.length);
    await expectAppError(
      app.api['materials:add']({ ...day, entry: { ...entry, quantity: 0 } }),
      'input.invalid',
    );
  });
});
