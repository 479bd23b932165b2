import { describe, expect, it } from 'vitest';
import { crewTotals } from '../../../main/domain/crews';
import { scopeProgress } from '../../../main/domain/milestones';
import { DEFAULT_SETTINGS, parseSettings } from '../../../main/domain/settings';

const plan = { minWorkers: 400, maxWorkers: 700 };

describe('crew totals', () => {
  it('adds up every record by shift and flags the day against the plan range', () => {
    const records = [
      { shift: 'day' as const, headcount: 250 },
      { shift: 'day' as const, headcount: 30 },
      { shift: 'night' as const, headcount: 140 },
    ];
    expect(crewTotals(records, 150, plan)).toEqual({
      day: 280,
      night: 140,
      workers: 420,
      staff: 150,
      plan: 'within',
    });
    expect(crewTotals(records.slice(0, 1), null, plan).plan).toBe('below');
    expect(crewTotals([{ shift: 'day', headcount: 701 }], null, plan).plan).toBe('above');
  });
});

describe('milestone scope', () => {
  it('has an actual date only when every panel has finished, the latest of their days', () => {
    expect(scopeProgress(['2023-01-02', null, '2023-01-05'])).toEqual({
      total: 3,
      finished: 2,
      actualDate: null,
    });
    expect(scopeProgress(['2023-01-02', '2023-02-18', '2023-01-05'])).toEqual({
      total: 3,
      finished: 3,
      actualDate: '2023-02-18',
    });
    expect(scopeProgress([])).toEqual({ total: 0, finished: 0, actualDate: null });
  });
});

describe('project settings', () => {
  it('fill anything missing or damaged with the defaults', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    const partial = parseSettings(
      JSON.stringify({
        crewPlan: { minWorkers: 300, maxWorkers: 900 },
        slurryLimits: { densityMin: 'x' },
      }),
    );
    expect(partial.crewPlan).toEqual({ minWorkers: 300, maxWorkers: 900 });
    expect(partial.slurryLimits).toEqual(DEFAULT_SETTINGS.slurryLimits);
  });
});
