// The panel stage model: the order a diaphragm-wall panel is built in, what each step records,
// and the hold point before the cage goes in. Pure: the services feed it rows, it answers.
import { z } from 'zod';
import { AppError } from './errors';

/**
 * Each stage event marks a step done. A panel is complete when its concreting is recorded; its
 * finished date is that event's site day. 'complete' is therefore a status, not an event.
 */
export const PANEL_STAGES = [
  'guide_wall',
  'excavation',
  'trench_acceptance',
  'desanding',
  'cage_lowered',
  'concreting',
] as const;
export type PanelStage = (typeof PANEL_STAGES)[number];
export type PanelStatus = 'not_started' | PanelStage;
export const PANEL_STATUSES: readonly PanelStatus[] = ['not_started', ...PANEL_STAGES];

export const SHIFTS = ['day', 'night'] as const;
export type Shift = (typeof SHIFTS)[number];

export function stageIndex(stage: PanelStatus): number {
  return stage === 'not_started' ? -1 : PANEL_STAGES.indexOf(stage);
}

export function nextStage(current: PanelStatus): PanelStage | null {
  return PANEL_STAGES[stageIndex(current) + 1] ?? null;
}

/** Measurements an event may carry. Limits here are physical impossibilities, not tolerances. */
export const measurementsSchema = z
  .object({
    depthM: z.number().min(0).max(200),
    widthM: z.number().gt(0).max(5),
    verticalityXPct: z.number().min(0).max(100),
    verticalityYPct: z.number().min(0).max(100),
    sedimentMm: z.number().min(0).max(5000),
    slurryDensity: z.number().min(0.9).max(2.5),
    slurryViscosityS: z.number().min(10).max(300),
    slurrySandPct: z.number().min(0).max(100),
    concreteVolumeM3: z.number().gt(0).max(5000),
    rig: z.string().trim().max(64),
  })
  .partial()
  .strict();
export type Measurements = z.infer<typeof measurementsSchema>;
export type MeasurementKey = keyof Measurements;

export const MEASUREMENT_KEYS = Object.keys(measurementsSchema.shape) as MeasurementKey[];

/** What each stage must record; other measurements are optional. */
export const REQUIRED_MEASUREMENTS: Record<PanelStage, readonly MeasurementKey[]> = {
  guide_wall: [],
  excavation: ['depthM'],
  trench_acceptance: ['depthM', 'widthM', 'verticalityXPct', 'verticalityYPct', 'sedimentMm'],
  desanding: ['slurryDensity', 'slurryViscosityS', 'slurrySandPct'],
  cage_lowered: [],
  concreting: ['concreteVolumeM3'],
};

/** Slurry limits before the cage goes in; a project setting, defaulting to DOMAIN.md's row for
 * fill, mucky soil and sand (the Yangtze alluvium at Haimen). */
export const slurryLimitsSchema = z
  .object({
    densityMin: z.number().min(0.9).max(2.5),
    densityMax: z.number().min(0.9).max(2.5),
    viscosityMinS: z.number().min(0).max(300),
    viscosityMaxS: z.number().min(0).max(300),
    sandMaxPct: z.number().min(0).max(100),
  })
  .strict()
  .refine((l) => l.densityMin <= l.densityMax && l.viscosityMinS <= l.viscosityMaxS, {
    message: 'minimum above maximum',
    params: { key: 'issues.minAboveMax' },
  });
export type SlurryLimits = z.infer<typeof slurryLimitsSchema>;

export const DEFAULT_SLURRY_LIMITS: SlurryLimits = {
  densityMin: 1.15,
  densityMax: 1.25,
  viscosityMinS: 25,
  viscosityMaxS: 35,
  sandMaxPct: 6,
};

/** Slurry limits by ground (DOMAIN.md, table 5.1.2); "> 35 s" is taken as 35–90 s. */
export const SOIL_TYPES = ['clay', 'fill_sand', 'gravel', 'slurry_loss'] as const;
export type SoilType = (typeof SOIL_TYPES)[number];
export const SLURRY_PRESETS: Record<SoilType, SlurryLimits> = {
  clay: { densityMin: 1.05, densityMax: 1.1, viscosityMinS: 18, viscosityMaxS: 25, sandMaxPct: 6 },
  fill_sand: DEFAULT_SLURRY_LIMITS,
  gravel: {
    densityMin: 1.15,
    densityMax: 1.2,
    viscosityMinS: 25,
    viscosityMaxS: 30,
    sandMaxPct: 6,
  },
  slurry_loss: {
    densityMin: 1.1,
    densityMax: 1.2,
    viscosityMinS: 35,
    viscosityMaxS: 90,
    sandMaxPct: 6,
  },
};

export interface RecordedEvent {
  stage: PanelStage;
  siteDay: string;
  occurredAt: string;
  measurements: Measurements;
}

export interface SlurryCheck {
  density: number;
  viscosityS: number;
  sandPct: number;
  siteDay: string;
}

/** The latest event that recorded all three slurry properties (acceptance or desanding). */
export function lastSlurryCheck(events: readonly RecordedEvent[]): SlurryCheck | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const m = events[i]!.measurements;
    if (
      m.slurryDensity !== undefined &&
      m.slurryViscosityS !== undefined &&
      m.slurrySandPct !== undefined
    ) {
      return {
        density: m.slurryDensity,
        viscosityS: m.slurryViscosityS,
        sandPct: m.slurrySandPct,
        siteDay: events[i]!.siteDay,
      };
    }
  }
  return null;
}

export interface SlurryViolation {
  property: 'density' | 'viscosity' | 'sand';
  value: number;
  limit: string;
}

export function slurryViolations(check: SlurryCheck, limits: SlurryLimits): SlurryViolation[] {
  const out: SlurryViolation[] = [];
  if (check.density < limits.densityMin || check.density > limits.densityMax) {
    out.push({
      property: 'density',
      value: check.density,
      limit: `${limits.densityMin}–${limits.densityMax}`,
    });
  }
  if (check.viscosityS < limits.viscosityMinS || check.viscosityS > limits.viscosityMaxS) {
    out.push({
      property: 'viscosity',
      value: check.viscosityS,
      limit: `${limits.viscosityMinS}–${limits.viscosityMaxS}`,
    });
  }
  if (check.sandPct > limits.sandMaxPct) {
    out.push({ property: 'sand', value: check.sandPct, limit: `< ${limits.sandMaxPct}` });
  }
  return out;
}

export interface ProposedEvent {
  stage: PanelStage;
  siteDay: string;
  measurements: Measurements;
}

/**
 * Checks a proposed event against the panel's recorded events (in order). Throws the AppError
 * that names the broken rule; returns nothing when the event may be recorded.
 */
export function assertCanRecord(
  panelCode: string,
  history: readonly RecordedEvent[],
  proposed: ProposedEvent,
  limits: SlurryLimits,
  /** The panel's slurry re-tests, by attempt: the latest of them is the test the cage waits on. */
  slurryRetests: readonly {
    attempt: number;
    siteDay: string;
    values: { slurryDensity?: number; slurryViscosityS?: number; slurrySandPct?: number };
  }[] = [],
): void {
  const current: PanelStatus = history.length ? history[history.length - 1]!.stage : 'not_started';
  const expected = nextStage(current);
  if (expected === null) {
    throw new AppError('stage.already_complete', { panel: panelCode });
  }
  if (proposed.stage !== expected) {
    throw new AppError('stage.out_of_order', {
      panel: panelCode,
      stage: proposed.stage,
      expected,
      current,
    });
  }
  const last = history[history.length - 1];
  if (last && proposed.siteDay < last.siteDay) {
    throw new AppError('stage.before_previous', {
      panel: panelCode,
      siteDay: proposed.siteDay,
      previous: last.siteDay,
    });
  }
  const missing = REQUIRED_MEASUREMENTS[proposed.stage].filter(
    (key) => proposed.measurements[key] === undefined,
  );
  if (missing.length) {
    throw new AppError('input.invalid', {
      issues: missing.map((key) => ({
        path: `measurements.${key}`,
        code: 'required',
        message: 'required for this stage',
        key: 'issues.requiredForStage',
      })),
    });
  }
  if (proposed.stage === 'cage_lowered') {
    const retest = slurryRetests[slurryRetests.length - 1];
    // A re-test holds all three properties (each is required of it); one that somehow does not
    // is no test the cage can go in on.
    const check: SlurryCheck | null = retest
      ? retest.values.slurryDensity !== undefined &&
        retest.values.slurryViscosityS !== undefined &&
        retest.values.slurrySandPct !== undefined
        ? {
            density: retest.values.slurryDensity,
            viscosityS: retest.values.slurryViscosityS,
            sandPct: retest.values.slurrySandPct,
            siteDay: retest.siteDay,
          }
        : null
      : lastSlurryCheck(history);
    if (!check) throw new AppError('stage.hold_point_no_slurry', { panel: panelCode });
    const violations = slurryViolations(check, limits);
    if (violations.length) {
      throw new AppError('stage.hold_point_slurry', {
        panel: panelCode,
        siteDay: check.siteDay,
        attempt: retest?.attempt ?? 1,
        violations,
        summary: violations.map((v) => `${v.property} ${v.value} (${v.limit})`).join(', '),
      });
    }
  }
}

/** Fill factor = actual ÷ theoretical volume; overbreak % = (fill factor − 1) × 100. */
export function overbreakPct(
  theoreticalM3: number,
  actualM3: number | undefined | null,
): number | null {
  if (actualM3 === undefined || actualM3 === null || !(theoreticalM3 > 0)) return null;
  return Math.round((actualM3 / theoreticalM3 - 1) * 1000) / 10;
}

/** Verticality is entered as a deviation percentage and shown as 1/N. */
export function verticalityRatio(pct: number | undefined | null): string | null {
  if (pct === undefined || pct === null) return null;
  if (pct === 0) return '0';
  return `1/${Math.round(100 / pct)}`;
}

export interface StageEvent {
  id: string;
  panelId: string;
  stage: PanelStage;
  siteDay: string;
  shift: Shift;
  teamId: string | null;
  occurredAt: string;
  measurements: Measurements;
  notes: string | null;
  /** The user id that last wrote the event. */
  recordedBy: string;
  /** Their name, where a laptop knows it (the project's people, or this laptop's own user). */
  recordedByName?: string | undefined;
  recordedAt: string;
}

/** The team that usually does each stage, by the team codes of the demo (成槽班 trench, …). */
export const USUAL_TEAM_CODE: Record<PanelStage, string> = {
  guide_wall: 'concrete',
  excavation: 'trench',
  trench_acceptance: 'survey',
  desanding: 'slurry',
  cage_lowered: 'lifting',
  concreting: 'concrete',
};
