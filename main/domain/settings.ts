// Project settings with the defaults of DOMAIN.md. Stored as JSON on the project; anything
// missing or unreadable falls back to its default, so an old file never blocks the app.
import { z } from 'zod';
import { DEFAULT_ENTRY_LIMITS, entryLimitsSchema } from './entry-warnings';
import { DEFAULT_SLURRY_LIMITS, slurryLimitsSchema } from './stages';
import { holdPointSchema } from './acceptances';

export const crewPlanSchema = z
  .object({
    minWorkers: z.number().int().min(0).max(100_000),
    maxWorkers: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((p) => p.minWorkers <= p.maxWorkers, {
    message: 'minimum above maximum',
    params: { key: 'issues.minAboveMax' },
  });

/** The shortest and longest panel a layout may propose (DOMAIN.md: a unit panel is 3–8 m). */
export const panelLengthsSchema = z
  .object({
    minM: z.number().min(1).max(12),
    maxM: z.number().min(1).max(12),
  })
  .strict()
  .refine((p) => p.minM <= p.maxM, {
    message: 'minimum above maximum',
    params: { key: 'issues.minAboveMax' },
  });
export type PanelLengths = z.infer<typeof panelLengthsSchema>;
export const DEFAULT_PANEL_LENGTHS: PanelLengths = { minM: 3, maxM: 8 };

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const projectSettingsSchema = z
  .object({
    slurryLimits: slurryLimitsSchema,
    /** What is warned of at entry: the concrete volume band, verticality, sediment (absent
     * from files and rows written before it: the defaults). */
    entryLimits: entryLimitsSchema.default(DEFAULT_ENTRY_LIMITS),
    crewPlan: crewPlanSchema,
    /** The layout generator's bounds (absent from files written before it: the defaults). */
    panelLengths: panelLengthsSchema.default(DEFAULT_PANEL_LENGTHS),
    /** The hold points a supervisor must sign before the next stage (none by default). */
    signatures: z.array(holdPointSchema).max(3).default([]),
    shiftHours: z
      .object({
        dayStart: timeOfDay,
        nightStart: timeOfDay,
        hoursPerShift: z.number().gt(0).max(24),
      })
      .strict(),
    /** For the demo: the site day the scenario is "at", so Today opens on recorded data. */
    demoToday: z.string().nullable(),
  })
  .strict();
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

export const DEFAULT_SETTINGS: ProjectSettings = {
  slurryLimits: DEFAULT_SLURRY_LIMITS,
  entryLimits: DEFAULT_ENTRY_LIMITS,
  crewPlan: { minWorkers: 400, maxWorkers: 700 },
  panelLengths: DEFAULT_PANEL_LENGTHS,
  signatures: [],
  shiftHours: { dayStart: '07:00', nightStart: '19:00', hoursPerShift: 12 },
  demoToday: null,
};

export function parseSettings(json: string | null | undefined): ProjectSettings {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <K extends keyof ProjectSettings>(key: K): ProjectSettings[K] => {
    const parsed = projectSettingsSchema.shape[key].safeParse(obj[key]);
    return parsed.success ? (parsed.data as ProjectSettings[K]) : DEFAULT_SETTINGS[key];
  };
  return {
    slurryLimits: pick('slurryLimits'),
    entryLimits: pick('entryLimits'),
    crewPlan: pick('crewPlan'),
    panelLengths: pick('panelLengths'),
    signatures: pick('signatures'),
    shiftHours: pick('shiftHours'),
    demoToday: pick('demoToday'),
  };
}
