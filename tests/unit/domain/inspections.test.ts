// Inspections as records: the attempts of a test (fail, re-test, pass), the hold point on the
// latest one, the shift an entry was made in, and when an undo becomes a correction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTRY_LIMITS } from '../../../main/domain/entry-warnings';
import { refusal } from '../../helpers/refusal';
import {
  attemptsOf,
  changesBetween,
  nextAttempt,
  shiftOf,
  undoRefusal,
  type Inspection,
  type StageRecordForAttempt,
} from '../../../main/domain/inspections';
import {
  assertCanRecord,
  DEFAULT_SLURRY_LIMITS,
  type RecordedEvent,
} from '../../../main/domain/stages';

const context = { slurry: DEFAULT_SLURRY_LIMITS, limits: DEFAULT_ENTRY_LIMITS };
const DAY = '2026-12-07';
const record = (
  stage: StageRecordForAttempt['stage'],
  measurements: StageRecordForAttempt['measurements'] = {},
): StageRecordForAttempt & RecordedEvent => ({
  id: `e-${stage}`,
  stage,
  siteDay: '2026-12-07',
  shift: 'day',
  occurredAt: '2026-12-07T02:00:00Z',
  measurements,
  notes: null,
  recordedBy: 'u1',
  recordedAt: '2026-12-07T02:00:00Z',
});
const trench = {
  depthM: 60,
  widthM: 1.2,
  verticalityXPct: 0.2,
  verticalityYPct: 0.2,
  sedimentMm: 80,
};
const failing = { slurryDensity: 1.32, slurryViscosityS: 30, slurrySandPct: 4 };
const passing = { slurryDensity: 1.2, slurryViscosityS: 30, slurrySandPct: 4 };
const retest = (attempt: number, values: Inspection['values']): Inspection => ({
  id: `i-${attempt}`,
  kind: 'slurry',
  attempt,
  siteDay: '2026-12-07',
  shift: 'day',
  occurredAt: `2026-12-07T0${attempt}:30:00Z`,
  values,
  notes: null,
  recordedBy: 'u1',
  recordedAt: `2026-12-07T0${attempt}:30:00Z`,
});
const history = [
  record('guide_wall'),
  record('excavation', { depthM: 60 }),
  record('trench_acceptance', trench),
  record('desanding', failing),
];

describe('a test and its re-tests', () => {
  it('keeps the failed attempt beside the re-test, each judged against the limits', () => {
    const attempts = attemptsOf('slurry', history, [retest(2, passing)], context);
    expect(attempts.map((a) => [a.attempt, a.source, a.pass])).toEqual([
      [1, 'stage', false],
      [2, 'inspection', true],
    ]);
    expect(attempts[0]!.failures).toEqual([
      { field: 'slurryDensity', value: 1.32, limit: '1.15–1.25' },
    ]);
    // The trench's own test passed at its first attempt.
    expect(attemptsOf('trench', history, [], context).map((a) => a.pass)).toEqual([true]);
  });

  it('numbers the next attempt, and refuses one before its stage or after a pass', () => {
    const stages = history.map((e) => e.stage);
    const first = attemptsOf('slurry', history, [], context);
    expect(nextAttempt('A1', 'slurry', stages, first, passing, DAY)).toBe(2);
    // Never dated before the attempt it repeats.
    expect(
      refusal(() => nextAttempt('A1', 'slurry', stages, first, passing, '2026-12-06')),
    ).toMatchObject({
      code: 'inspection.before_previous',
      details: { siteDay: '2026-12-06', previous: DAY },
    });
    const passed = attemptsOf('slurry', history, [retest(2, passing)], context);
    expect(refusal(() => nextAttempt('A1', 'slurry', stages, passed, passing, DAY))).toMatchObject({
      code: 'inspection.already_passed',
      details: { panel: 'A1', kind: 'slurry', attempt: 2 },
    });
    // The slump test waits for the cage; its first attempt is its own row.
    expect(
      refusal(() => nextAttempt('A1', 'concrete', stages, [], { slumpMm: 200 }, DAY)),
    ).toMatchObject({ code: 'inspection.stage_not_recorded', details: { stage: 'cage_lowered' } });
    expect(
      nextAttempt('A1', 'concrete', [...stages, 'cage_lowered'], [], { slumpMm: 200 }, DAY),
    ).toBe(1);
    // A value the test does not measure, or one it needs missing: refused by field.
    const bad = refusal(() =>
      nextAttempt('A1', 'slurry', stages, first, { slurryDensity: 1.2, slumpMm: 200 }, DAY),
    );
    expect(bad?.code).toBe('input.invalid');
    expect((bad?.details.issues as { key: string }[]).map((i) => i.key)).toEqual([
      'issues.required',
      'issues.required',
      'issues.notThisTest',
    ]);
    expect((bad?.details.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'values.slurryViscosityS',
      'values.slurrySandPct',
      'values.slumpMm',
    ]);
  });

  it('judges the slump against the project limits', () => {
    const cage = [...history, record('cage_lowered')];
    const slumps = attemptsOf(
      'concrete',
      cage,
      [
        { ...retest(1, { slumpMm: 240, cubeSets: 2 }), kind: 'concrete' },
        { ...retest(2, { slumpMm: 200, cubeSets: 2 }), kind: 'concrete' },
      ],
      context,
    );
    expect(slumps.map((a) => [a.attempt, a.pass, a.failures.map((f) => f.limit)])).toEqual([
      [1, false, ['180–220']],
      [2, true, []],
    ]);
  });
});

describe('the hold point before the cage', () => {
  const cage = { stage: 'cage_lowered' as const, siteDay: '2026-12-07', measurements: {} };
  it('opens on the latest slurry attempt, and only when it passes', () => {
    expect(
      refusal(() => assertCanRecord('A1', history, cage, DEFAULT_SLURRY_LIMITS)),
    ).toMatchObject({ code: 'stage.hold_point_slurry', details: { attempt: 1 } });
    const stillFailing = [{ ...retest(2, failing) }];
    expect(
      refusal(() => assertCanRecord('A1', history, cage, DEFAULT_SLURRY_LIMITS, stillFailing)),
    ).toMatchObject({ code: 'stage.hold_point_slurry', details: { attempt: 2 } });
    const passed = [...stillFailing, retest(3, passing)];
    expect(
      refusal(() => assertCanRecord('A1', history, cage, DEFAULT_SLURRY_LIMITS, passed)),
    ).toBeNull();
  });
});

describe('undo or correction', () => {
  const site = {
    timezone: 'Asia/Shanghai',
    shiftHours: { dayStart: '07:00', nightStart: '19:00' },
  };
  it('puts an instant in its shift on the site clock, a night belonging to the day it began', () => {
    const at = (iso: string) => shiftOf(new Date(iso), site.timezone, site.shiftHours);
    expect(at('2026-12-07T00:00:00Z')).toEqual({ siteDay: '2026-12-07', shift: 'day' }); // 08:00
    expect(at('2026-12-07T11:00:00Z')).toEqual({ siteDay: '2026-12-07', shift: 'night' }); // 19:00
    expect(at('2026-12-07T17:00:00Z')).toEqual({ siteDay: '2026-12-07', shift: 'night' }); // 01:00
    expect(at('2026-12-07T22:59:00Z')).toEqual({ siteDay: '2026-12-07', shift: 'night' }); // 06:59
    expect(at('2026-12-07T23:00:00Z')).toEqual({ siteDay: '2026-12-08', shift: 'day' }); // 07:00
  });

  it('lets only the author undo, in the same shift or within half an hour, and never once corrected', () => {
    const entry = { recordedBy: 'u1', recordedAt: '2026-12-07T09:00:00Z', corrected: false }; // 17:00
    const now = (iso: string) => new Date(iso);
    expect(undoRefusal(entry, 'u1', now('2026-12-07T10:50:00Z'), site)).toBeNull(); // 18:50, day
    expect(undoRefusal(entry, 'u2', now('2026-12-07T09:05:00Z'), site)).toBe('not_author');
    expect(undoRefusal(entry, 'u1', now('2026-12-07T11:10:00Z'), site)).toBe('shift_over'); // 19:10
    // Recorded at 18:50, undone at 19:10: within half an hour, across the change of shift.
    const late = { ...entry, recordedAt: '2026-12-07T10:50:00Z' };
    expect(undoRefusal(late, 'u1', now('2026-12-07T11:10:00Z'), site)).toBeNull();
    expect(
      undoRefusal({ ...entry, corrected: true }, 'u1', now('2026-12-07T09:01:00Z'), site),
    ).toBe('corrected');
  });

  it('names every changed field with its old and new value', () => {
    expect(changesBetween({ depthM: 60.2, notes: null }, { depthM: 60.5, notes: null })).toEqual({
      depthM: [60.2, 60.5],
    });
    expect(changesBetween({ slumpMm: 200 }, {})).toEqual({ slumpMm: [200, null] });
    expect(changesBetween({ a: 1 }, { a: 1 })).toEqual({});
  });
});
