import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTRY_LIMITS, entryWarnings } from '../../../main/domain/entry-warnings';
import { DEFAULT_SETTINGS, parseSettings } from '../../../main/domain/settings';
import { DEFAULT_SLURRY_LIMITS } from '../../../main/domain/stages';

const context = { slurry: DEFAULT_SLURRY_LIMITS, limits: DEFAULT_ENTRY_LIMITS, theoreticalM3: 270 };

describe('warnings at entry', () => {
  it('name a slurry, a concrete volume, a verticality and a sediment past their limits', () => {
    const found = entryWarnings(
      {
        slurryDensity: 1.32,
        slurryViscosityS: 30,
        slurrySandPct: 7,
        concreteVolumeM3: 2910,
        verticalityXPct: 0.5,
        verticalityYPct: 0.2,
        sedimentMm: 120,
      },
      context,
    );
    expect(found.map((w) => [w.field, w.params.limit])).toEqual([
      ['slurryDensity', `${DEFAULT_SLURRY_LIMITS.densityMin}–${DEFAULT_SLURRY_LIMITS.densityMax}`],
      ['slurrySandPct', DEFAULT_SLURRY_LIMITS.sandMaxPct],
      ['verticalityXPct', 0.33],
      ['sedimentMm', 100],
      ['concreteVolumeM3', '189–351'],
    ]);
  });

  it('say nothing of values within their limits, or of a panel with no theoretical volume', () => {
    const fine = { slurryDensity: 1.2, concreteVolumeM3: 300, verticalityXPct: 0.3 };
    expect(entryWarnings(fine, context)).toEqual([]);
    expect(entryWarnings({ concreteVolumeM3: 2910 }, { ...context, theoreticalM3: null })).toEqual(
      [],
    );
  });

  it('take the band from the project settings, the defaults when a project has none yet', () => {
    expect(
      parseSettings(JSON.stringify({ crewPlan: { minWorkers: 1, maxWorkers: 2 } })).entryLimits,
    ).toEqual(DEFAULT_ENTRY_LIMITS);
    const narrow = { ...DEFAULT_ENTRY_LIMITS, concreteBandPct: 10 };
    expect(
      parseSettings(JSON.stringify({ ...DEFAULT_SETTINGS, entryLimits: narrow })).entryLimits,
    ).toEqual(narrow);
    expect(entryWarnings({ concreteVolumeM3: 310 }, { ...context, limits: narrow })).toHaveLength(
      1,
    );
  });
});
