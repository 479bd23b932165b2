// What a person is warned of while typing a stage's measurements, before anything is refused
// (issue 27): slurry outside the project's limits (the cage's hold point refuses it later), a
// concrete volume far from the panel's theoretical one, a verticality or a sediment past the
// acceptance tolerance (DOMAIN.md). Each warning names its limit; the person may save anyway,
// with a reason.
import { z } from 'zod';
import type { MeasurementKey, Measurements, SlurryLimits } from './stages';

/** The tolerances warned of at entry; a project setting (DOMAIN.md: a permanent wall's). */
export const entryLimitsSchema = z
  .object({
    /** Concrete volume outside theoretical ± this % is warned of. */
    concreteBandPct: z.number().gt(0).max(200),
    /** Verticality deviation in % (1/300 = 0.33 %). */
    verticalityMaxPct: z.number().gt(0).max(10),
    sedimentMaxMm: z.number().gt(0).max(5000),
    /** The concrete's slump, in mm (DOMAIN.md: 180–220); absent from settings before it. */
    slumpMinMm: z.number().min(0).max(400).default(180),
    slumpMaxMm: z.number().min(0).max(400).default(220),
  })
  .strict()
  .refine((l) => l.slumpMinMm <= l.slumpMaxMm, {
    message: 'minimum above maximum',
    params: { key: 'issues.minAboveMax' },
  });
export type EntryLimits = z.infer<typeof entryLimitsSchema>;

export const DEFAULT_ENTRY_LIMITS: EntryLimits = {
  concreteBandPct: 30,
  verticalityMaxPct: 0.33,
  sedimentMaxMm: 100,
  slumpMinMm: 180,
  slumpMaxMm: 220,
};

export interface EntryWarning {
  field: MeasurementKey;
  /** Message key under warnings.*, and what it says. */
  key: string;
  params: Record<string, string | number>;
}

const round = (n: number, places = 2) => Number(n.toFixed(places));

export function entryWarnings(
  m: Measurements,
  context: { slurry: SlurryLimits; limits: EntryLimits; theoreticalM3: number | null },
): EntryWarning[] {
  const { slurry, limits } = context;
  const out: EntryWarning[] = [];
  const outside = (field: MeasurementKey, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && (value < min || value > max))
      out.push({ field, key: 'warnings.outside', params: { value, limit: `${min}–${max}` } });
  };
  outside('slurryDensity', m.slurryDensity, slurry.densityMin, slurry.densityMax);
  outside('slurryViscosityS', m.slurryViscosityS, slurry.viscosityMinS, slurry.viscosityMaxS);
  const over = (field: MeasurementKey, value: number | undefined, max: number) => {
    if (value !== undefined && value > max)
      out.push({ field, key: 'warnings.over', params: { value, limit: max } });
  };
  over('slurrySandPct', m.slurrySandPct, slurry.sandMaxPct);
  over('verticalityXPct', m.verticalityXPct, limits.verticalityMaxPct);
  over('verticalityYPct', m.verticalityYPct, limits.verticalityMaxPct);
  over('sedimentMm', m.sedimentMm, limits.sedimentMaxMm);
  const theoretical = context.theoreticalM3;
  if (m.concreteVolumeM3 !== undefined && theoretical && theoretical > 0) {
    const band = limits.concreteBandPct / 100;
    const lo = round(theoretical * (1 - band), 1);
    const hi = round(theoretical * (1 + band), 1);
    if (m.concreteVolumeM3 < lo || m.concreteVolumeM3 > hi)
      out.push({
        field: 'concreteVolumeM3',
        key: 'warnings.concrete',
        params: { value: m.concreteVolumeM3, theoretical, limit: `${lo}–${hi}` },
      });
  }
  return out;
}

/** The limit a measurement is checked against, as the sheet prints it; null for one with none. */
export function measurementLimit(
  field: MeasurementKey,
  context: { slurry: SlurryLimits; limits: EntryLimits; theoreticalM3: number | null },
): string | null {
  const { slurry, limits, theoreticalM3 } = context;
  switch (field) {
    case 'slurryDensity':
      return `${slurry.densityMin}–${slurry.densityMax}`;
    case 'slurryViscosityS':
      return `${slurry.viscosityMinS}–${slurry.viscosityMaxS}`;
    case 'slurrySandPct':
      return `≤ ${slurry.sandMaxPct}`;
    case 'verticalityXPct':
    case 'verticalityYPct':
      return `≤ ${limits.verticalityMaxPct}`;
    case 'sedimentMm':
      return `≤ ${limits.sedimentMaxMm}`;
    case 'concreteVolumeM3': {
      if (!theoreticalM3 || theoreticalM3 <= 0) return null;
      const band = limits.concreteBandPct / 100;
      return `${round(theoreticalM3 * (1 - band), 1)}–${round(theoreticalM3 * (1 + band), 1)}`;
    }
    default:
      return null;
  }
}
