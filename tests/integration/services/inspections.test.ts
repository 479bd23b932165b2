// Inspections as records on the laptop (issue 28): a failed slurry test stays beside its re-test
// and the cage waits for the passing one; a re-test of a passed test, a test before its stage, a
// correction with no reason are refused by field and change nothing; after the shift an entry is
// corrected or withdrawn with a reason (who, when, old, new kept), never undone.
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { describeError } from '../../../main/domain/i18n/translate';
import type { InspectionValues } from '../../../main/domain/inspections';
import { dbChecksum } from '../../helpers/db-checksum';
import { expectAppError } from '../../helpers/expect-app-error';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { newShaft } from '../../helpers/new-shaft';
import { tempDir } from '../../helpers/temp-dir';

const DAY = '2026-11-20';
const FAILED = { slurryDensity: 1.32, slurryViscosityS: 30, slurrySandPct: 4 };
const PASSED = { slurryDensity: 1.2, slurryViscosityS: 28, slurrySandPct: 3 };

async function shaftAt(clock: { now: Date }) {
  const app = await openAppContext({
    dataDir: tempDir(),
    runtime: 'test',
    seedDemo: true,
    now: () => clock.now,
  });
  const { panels } = await newShaft(app, { code: 'IN', nameZh: '检测井', nameEn: 'Test shaft' });
  const panelId = panels[0]!.id;
  const record = (stage: keyof typeof GOOD_MEASUREMENTS, measurements = GOOD_MEASUREMENTS[stage]) =>
    app.api['stages:record']({ panelId, stage, siteDay: DAY, shift: 'day', measurements });
  const retest = (kind: 'slurry' | 'trench' | 'concrete', values: Record<string, number>) =>
    app.api['inspections:record']({ panelId, kind, siteDay: DAY, shift: 'day', values });
  const detail = () => app.api['panels:get']({ panelId });
  return { app, panelId, record, retest, detail };
}

const closeAfter = async (app: AppContext, fn: () => Promise<void>) => {
  try {
    await fn();
  } finally {
    await app.close();
  }
};

describe('inspections as records', () => {
  it('keeps a failed slurry test beside its re-test; the cage goes in on the passing one', async () => {
    const clock = { now: new Date('2026-11-20T02:00:00Z') };
    const { app, record, retest, detail } = await shaftAt(clock);
    await closeAfter(app, async () => {
      for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
        await record(stage);
      // A re-test before the slurry's own stage is recorded: refused, nothing written.
      const early = await expectAppError(retest('slurry', PASSED), 'inspection.stage_not_recorded');
      expect(describeError('zh-CN', early)).toBe('槽段 A1 尚未记录“刷壁清底”，不能记录泥浆检测。');
      await record('desanding', FAILED);
      const held = await expectAppError(record('cage_lowered'), 'stage.hold_point_slurry');
      expect(describeError('en', held)).toContain('attempt 1');
      await retest('slurry', { ...FAILED, slurryDensity: 1.28 });
      await expectAppError(record('cage_lowered'), 'stage.hold_point_slurry');
      // A value the test does not measure, or a missing one: refused by field.
      const stray = await expectAppError(
        retest('slurry', { slurryDensity: 1.2, slumpMm: 200 }),
        'input.invalid',
      );
      expect((stray.details.issues as { path: string; key: string }[]).map((i) => i.key)).toEqual([
        'issues.required',
        'issues.required',
        'issues.notThisTest',
      ]);
      const attempts = await retest('slurry', PASSED);
      expect(attempts.map((a) => [a.attempt, a.pass])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      // A re-test of a passed test is refused by the rule, in the user's language.
      const before = await dbChecksum(app.db);
      const again = await expectAppError(retest('slurry', PASSED), 'inspection.already_passed');
      expect(describeError('zh-CN', again)).toBe('槽段 A1 的泥浆检测第 3 次已合格，不需要复检。');
      expect(await dbChecksum(app.db)).toBe(before);

      const cage = await record('cage_lowered');
      // The cage's record corrected later is judged on the passing re-test, as when it was made.
      await app.api['records:correct']({
        recordTable: 'panel_stage_events',
        recordId: cage.id,
        action: 'corrected',
        values: {},
        notes: '吊放时间 14:20',
        reason: '补记吊放时间',
      });
      await retest('concrete', { slumpMm: 240, cubeSets: 2 });
      await retest('concrete', { slumpMm: 200, cubeSets: 2 });
      const panel = await detail();
      expect(panel.status).toBe('cage_lowered');
      expect(
        panel.inspections.map((a) => `${a.kind} ${a.attempt} ${a.pass ? 'pass' : 'fail'}`),
      ).toEqual([
        'trench 1 pass',
        'slurry 1 fail',
        'slurry 2 fail',
        'slurry 3 pass',
        'concrete 1 fail',
        'concrete 2 pass',
      ]);
    });
  });

  it('after the shift, an entry is corrected or withdrawn with a reason, never undone', async () => {
    const clock = { now: new Date('2026-11-20T02:00:00Z') }; // 10:00 at the site, day shift
    const { app, record, retest, detail } = await shaftAt(clock);
    await closeAfter(app, async () => {
      for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
        await record(stage);
      const desanding = await record('desanding', FAILED);
      const [, second] = await retest('slurry', { ...FAILED, slurrySandPct: 7 });

      // The night shift (20:00): the author may not undo either; the refusal says what to do.
      clock.now = new Date('2026-11-20T12:00:00Z');
      const closed = await expectAppError(
        app.api['inspections:undo']({ inspectionId: second!.id }),
        'stage.undo_closed',
      );
      expect(closed.details.why).toBe('shift_over');
      expect(describeError('zh-CN', closed)).toContain('记录所在的班次已经结束');

      // A correction with no reason, or one that changes nothing: refused by field.
      const before = await dbChecksum(app.db);
      const correct = (input: { values?: InspectionValues; reason: string }) =>
        app.api['records:correct']({
          recordTable: 'inspections',
          recordId: second!.id,
          action: 'corrected',
          ...input,
        });
      const noReason = await expectAppError(
        correct({ values: PASSED, reason: '  ' }),
        'input.invalid',
      );
      expect(noReason.details.issues).toMatchObject([
        { path: 'reason', key: 'issues.reasonRequired' },
      ]);
      await expectAppError(correct({ values: second!.values, reason: '无改动' }), 'input.invalid');
      expect(await dbChecksum(app.db)).toBe(before);

      // Corrected: the old values and the reason are kept; the result follows the new values.
      await correct({ values: { ...FAILED, slurrySandPct: 5 }, reason: '含砂率读错刻度' });
      // The first attempt is the stage record: corrected through it, with its own history.
      await app.api['records:correct']({
        recordTable: 'panel_stage_events',
        recordId: desanding.id,
        action: 'corrected',
        values: { ...FAILED, slurryViscosityS: 31 },
        reason: '黏度复读',
      });
      const panel = await detail();
      expect(panel.corrections.map((c) => [c.recordId, c.version, c.changes, c.reason])).toEqual([
        [second!.id, 2, { slurrySandPct: [7, 5] }, '含砂率读错刻度'],
        [desanding.id, 2, { slurryViscosityS: [30, 31] }, '黏度复读'],
      ]);
      expect(panel.inspections.filter((a) => a.kind === 'slurry').map((a) => a.pass)).toEqual([
        false,
        false,
      ]);

      // Withdrawn with a reason: only the latest attempt (not the stage record its re-tests
      // follow), and the record of it stays.
      await expectAppError(
        app.api['records:correct']({
          recordTable: 'panel_stage_events',
          recordId: desanding.id,
          action: 'withdrawn',
          reason: '误录',
        }),
        'inspection.not_latest',
      );
      await app.api['records:correct']({
        recordTable: 'inspections',
        recordId: second!.id,
        action: 'withdrawn',
        reason: '取样位置错误，作废',
      });
      const after = await detail();
      expect(after.inspections.filter((a) => a.kind === 'slurry')).toHaveLength(1);
      expect(after.corrections.at(-1)).toMatchObject({
        action: 'withdrawn',
        version: 3,
        changes: { slurryDensity: [1.32, null], slurrySandPct: [5, null] },
        reason: '取样位置错误，作废',
      });
    });
  });

  it('lets only the author undo, in their shift', async () => {
    const clock = { now: new Date('2026-11-20T02:00:00Z') };
    const { app, record, retest } = await shaftAt(clock);
    await closeAfter(app, async () => {
      for (const stage of ['guide_wall', 'excavation', 'trench_acceptance'] as const)
        await record(stage);
      await record('desanding', FAILED);
      const [, second] = await retest('slurry', FAILED);
      const author = app.store.identity.userId;
      app.store.identity.userId = 'someone-else';
      const other = await expectAppError(
        app.api['inspections:undo']({ inspectionId: second!.id }),
        'stage.undo_closed',
      );
      expect(describeError('en', other)).toContain('only the person who recorded it may undo it');
      app.store.identity.userId = author;
      clock.now = new Date('2026-11-20T08:00:00Z'); // 16:00, the same day shift
      await app.api['inspections:undo']({ inspectionId: second!.id });
      const row = await app.db('inspections').where({ id: second!.id }).first();
      expect(row.deleted_at).not.toBeNull();
    });
  });
});
