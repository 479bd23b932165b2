import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { describeError } from '../../../main/domain/i18n/translate';
import {
  assertCanRecord,
  DEFAULT_SLURRY_LIMITS,
  lastSlurryCheck,
  measurementsSchema,
  nextStage,
  overbreakPct,
  PANEL_STAGES,
  verticalityRatio,
  type Measurements,
  type PanelStage,
  type RecordedEvent,
} from '../../../main/domain/stages';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';

const good = GOOD_MEASUREMENTS;

function history(
  upTo: PanelStage,
  overrides: Partial<Record<PanelStage, Measurements>> = {},
): RecordedEvent[] {
  return PANEL_STAGES.slice(0, PANEL_STAGES.indexOf(upTo) + 1).map((stage, i) => ({
    stage,
    siteDay: `2023-01-${String(10 + i).padStart(2, '0')}`,
    occurredAt: `2023-01-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`,
    measurements: overrides[stage] ?? good[stage],
  }));
}

function rejection(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

const propose = (stage: PanelStage, measurements = good[stage], siteDay = '2023-01-20') => ({
  stage,
  siteDay,
  measurements,
});

describe('the stage order', () => {
  it('accepts each stage in turn, from guide wall to concreting', () => {
    let done: RecordedEvent[] = [];
    for (const stage of PANEL_STAGES) {
      expect(() =>
        assertCanRecord('A1', done, propose(stage), DEFAULT_SLURRY_LIMITS),
      ).not.toThrow();
      done = history(stage);
    }
    expect(nextStage('concreting')).toBeNull();
  });

  it('refuses a skipped or repeated stage and names the expected one', () => {
    const skipped = rejection(() =>
      assertCanRecord('A1', history('excavation'), propose('cage_lowered'), DEFAULT_SLURRY_LIMITS),
    );
    expect(skipped.code).toBe('stage.out_of_order');
    expect(skipped.details).toMatchObject({
      panel: 'A1',
      stage: 'cage_lowered',
      expected: 'trench_acceptance',
      current: 'excavation',
    });
    expect(describeError('zh-CN', skipped)).toBe(
      '槽段 A1 当前为“成槽”，下一道工序应是“槽段验收”，不能记录“钢筋笼下放”。',
    );
    expect(describeError('en', skipped)).toContain('the next step is "Trench acceptance"');
    const repeated = rejection(() =>
      assertCanRecord('A1', history('excavation'), propose('excavation'), DEFAULT_SLURRY_LIMITS),
    );
    expect(repeated.code).toBe('stage.out_of_order');
  });

  it('refuses anything after concreting: the panel is complete', () => {
    const error = rejection(() =>
      assertCanRecord('B7', history('concreting'), propose('guide_wall'), DEFAULT_SLURRY_LIMITS),
    );
    expect(error.code).toBe('stage.already_complete');
  });

  it('refuses a step dated before the previous one', () => {
    const error = rejection(() =>
      assertCanRecord(
        'A1',
        history('excavation'),
        propose('trench_acceptance', good.trench_acceptance, '2023-01-05'),
        DEFAULT_SLURRY_LIMITS,
      ),
    );
    expect(error.code).toBe('stage.before_previous');
    expect(error.details).toMatchObject({ previous: '2023-01-11', siteDay: '2023-01-05' });
  });

  it('requires the measurements of each stage', () => {
    const error = rejection(() =>
      assertCanRecord(
        'A1',
        history('excavation'),
        propose('trench_acceptance', { depthM: 60 }),
        DEFAULT_SLURRY_LIMITS,
      ),
    );
    expect(error.code).toBe('input.invalid');
    const paths = (error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual([
      'measurements.widthM',
      'measurements.verticalityXPct',
      'measurements.verticalityYPct',
      'measurements.sedimentMm',
    ]);
    expect(
      rejection(() =>
        assertCanRecord(
          'A1',
          history('cage_lowered'),
          propose('concreting', {}),
          DEFAULT_SLURRY_LIMITS,
        ),
      ).code,
    ).toBe('input.invalid');
  });
});

describe('the hold point before the cage', () => {
  it('lets the cage in when the last slurry test is within limits', () => {
    expect(() =>
      assertCanRecord('A1', history('desanding'), propose('cage_lowered'), DEFAULT_SLURRY_LIMITS),
    ).not.toThrow();
  });

  it('stops the cage when the last slurry test is out of limits, naming each property', () => {
    const bad = history('desanding', {
      desanding: { slurryDensity: 1.31, slurryViscosityS: 27, slurrySandPct: 7.5 },
    });
    const error = rejection(() =>
      assertCanRecord('A4', bad, propose('cage_lowered'), DEFAULT_SLURRY_LIMITS),
    );
    expect(error.code).toBe('stage.hold_point_slurry');
    expect((error.details.violations as { property: string }[]).map((v) => v.property)).toEqual([
      'density',
      'sand',
    ]);
    expect(describeError('zh-CN', error)).toMatch(
      /^停止点：槽段 A4 最近一次泥浆检测（第 1 次，2023-01-13）不合格：density 1.31 \(1.15–1.25\), sand 7.5 \(< 6\)/,
    );
  });

  it('judges the latest test, not an earlier good one', () => {
    const fixed = history('desanding', {
      trench_acceptance: { ...good.trench_acceptance, slurryDensity: 1.4 },
    });
    expect(lastSlurryCheck(fixed)?.density).toBe(1.18);
    expect(() =>
      assertCanRecord('A1', fixed, propose('cage_lowered'), DEFAULT_SLURRY_LIMITS),
    ).not.toThrow();
  });

  it('stops the cage when no slurry test was recorded at all', () => {
    const none = history('desanding', {
      trench_acceptance: {
        depthM: 60,
        widthM: 1.2,
        verticalityXPct: 0.1,
        verticalityYPct: 0.1,
        sedimentMm: 50,
      },
      desanding: { slurryDensity: 1.2, slurryViscosityS: 28 },
    });
    expect(
      rejection(() => assertCanRecord('A1', none, propose('cage_lowered'), DEFAULT_SLURRY_LIMITS))
        .code,
    ).toBe('stage.hold_point_no_slurry');
  });

  it('uses the project’s own limits', () => {
    const clay = {
      densityMin: 1.05,
      densityMax: 1.1,
      viscosityMinS: 18,
      viscosityMaxS: 25,
      sandMaxPct: 6,
    };
    const error = rejection(() =>
      assertCanRecord('A1', history('desanding'), propose('cage_lowered'), clay),
    );
    expect((error.details.violations as { property: string }[]).map((v) => v.property)).toEqual([
      'density',
      'viscosity',
    ]);
  });
});

describe('measurements', () => {
  it('refuses impossible values', () => {
    expect(measurementsSchema.safeParse({ depthM: -1 }).success).toBe(false);
    expect(measurementsSchema.safeParse({ verticalityXPct: 101 }).success).toBe(false);
    expect(measurementsSchema.safeParse({ concreteVolumeM3: 0 }).success).toBe(false);
    expect(measurementsSchema.safeParse({ slurryDensity: 0.5 }).success).toBe(false);
    expect(measurementsSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(measurementsSchema.safeParse(good.trench_acceptance).success).toBe(true);
  });

  it('derives overbreak from theoretical and actual volume, and shows verticality as 1/N', () => {
    expect(overbreakPct(259.2, 285.1)).toBe(10);
    expect(overbreakPct(259.2, 259.2)).toBe(0);
    expect(overbreakPct(259.2, undefined)).toBeNull();
    expect(verticalityRatio(1 / 3)).toBe('1/300');
    expect(verticalityRatio(0.5)).toBe('1/200');
  });
});
