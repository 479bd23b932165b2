// Inspections as records (issue 28; DOMAIN.md, "Inspection, re-tests and the supervisor"): a
// failed test is never erased. A stage that records a test (the trench's acceptance measurements,
// the slurry after desanding) holds its first attempt; each re-test is the next attempt, kept
// beside it with its own time, values, recorder and result; the concrete's slump test (with its
// cube sets) is an inspection from its first attempt. The hold point before the cage opens on the
// latest slurry attempt, and only when it passes. A record is corrected, never silently changed:
// each correction keeps who, when, the old and new values and the reason; undoing is for the
// author, in the shift they recorded it in.
import { z } from 'zod';
import { AppError } from './errors';
import { invalid, issue, type Issue } from './validation';
import { entryWarnings, measurementLimit, type EntryLimits } from './entry-warnings';
import type { ProjectSettings } from './settings';
import {
  measurementsSchema,
  type Measurements,
  type PanelStage,
  type Shift,
  type SlurryLimits,
} from './stages';

export const INSPECTION_KINDS = ['trench', 'slurry', 'concrete'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** What an inspection may measure: the stage measurements, and the concrete's slump and cubes. */
export const inspectionValuesSchema = measurementsSchema
  .extend({
    slumpMm: z.number().min(0).max(400),
    cubeSets: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();
export type InspectionValues = z.infer<typeof inspectionValuesSchema>;
export type InspectionField = keyof InspectionValues;

export interface InspectionSpec {
  /** The stage that must be recorded before the test may be (re)done. */
  after: PanelStage;
  /** The stage whose record is the first attempt; null when every attempt is an inspection row. */
  firstIn: PanelStage | null;
  fields: readonly InspectionField[];
  required: readonly InspectionField[];
}

export const INSPECTIONS: Record<InspectionKind, InspectionSpec> = {
  trench: {
    after: 'trench_acceptance',
    firstIn: 'trench_acceptance',
    fields: ['depthM', 'widthM', 'verticalityXPct', 'verticalityYPct', 'sedimentMm'],
    required: ['depthM', 'widthM', 'verticalityXPct', 'verticalityYPct', 'sedimentMm'],
  },
  slurry: {
    after: 'desanding',
    firstIn: 'desanding',
    fields: ['slurryDensity', 'slurryViscosityS', 'slurrySandPct'],
    required: ['slurryDensity', 'slurryViscosityS', 'slurrySandPct'],
  },
  concrete: {
    after: 'cage_lowered',
    firstIn: null,
    fields: ['slumpMm', 'cubeSets'],
    required: ['slumpMm'],
  },
};

export interface InspectionFailure {
  field: InspectionField;
  value: number;
  limit: string;
}

export interface LimitsContext {
  slurry: SlurryLimits;
  limits: EntryLimits;
}

export const limitsOf = (settings: Pick<ProjectSettings, 'slurryLimits' | 'entryLimits'>) => ({
  slurry: settings.slurryLimits,
  limits: settings.entryLimits,
});

/** What of a test's values is outside the project's limits (empty: it passes). */
export function inspectionFailures(
  kind: InspectionKind,
  values: InspectionValues,
  context: LimitsContext,
): InspectionFailure[] {
  const fields = new Set<InspectionField>(INSPECTIONS[kind].fields);
  const out: InspectionFailure[] = entryWarnings(values as Measurements, {
    ...context,
    theoreticalM3: null,
  })
    .filter((w) => fields.has(w.field))
    .map((w) => ({
      field: w.field,
      value: Number(w.params.value),
      // As the sheet prints a limit ("≤ 6"), not as the warning words it.
      limit:
        measurementLimit(w.field, { ...context, theoreticalM3: null }) ?? String(w.params.limit),
    }));
  if (kind === 'concrete' && values.slumpMm !== undefined) {
    const { slumpMinMm: min, slumpMaxMm: max } = context.limits;
    if (values.slumpMm < min || values.slumpMm > max)
      out.push({ field: 'slumpMm', value: values.slumpMm, limit: `${min}–${max}` });
  }
  return out;
}

/** One attempt of a test: the stage's record (attempt 1) or a re-test. */
export interface InspectionAttempt {
  /** The record's id: the stage event's, or the inspection row's. */
  id: string;
  source: 'stage' | 'inspection';
  kind: InspectionKind;
  attempt: number;
  siteDay: string;
  shift: Shift;
  occurredAt: string;
  values: InspectionValues;
  notes: string | null;
  recordedBy: string;
  recordedByName?: string;
  recordedAt: string;
  failures: InspectionFailure[];
  pass: boolean;
}

/** A re-test as stored (no result: the result is judged against the limits when read). */
export type Inspection = Omit<InspectionAttempt, 'source' | 'failures' | 'pass'>;

/** The stage record a test's first attempt is, as much of it as an attempt needs. */
export interface StageRecordForAttempt {
  id: string;
  stage: PanelStage;
  siteDay: string;
  shift: Shift;
  occurredAt: string;
  measurements: Measurements;
  notes: string | null;
  recordedBy: string;
  recordedByName?: string;
  recordedAt: string;
}

/** A panel's attempts of one test, in order: the stage's record first, then each re-test. */
export function attemptsOf(
  kind: InspectionKind,
  events: readonly StageRecordForAttempt[],
  inspections: readonly Inspection[],
  context: LimitsContext,
): InspectionAttempt[] {
  const spec = INSPECTIONS[kind];
  const judged = (a: Omit<InspectionAttempt, 'failures' | 'pass'>): InspectionAttempt => {
    const failures = inspectionFailures(kind, a.values, context);
    return { ...a, failures, pass: failures.length === 0 };
  };
  const out: InspectionAttempt[] = [];
  const first = spec.firstIn ? events.find((e) => e.stage === spec.firstIn) : undefined;
  if (first) {
    const values = pickValues(kind, first.measurements);
    if (Object.keys(values).length)
      out.push(
        judged({
          id: first.id,
          source: 'stage',
          kind,
          attempt: 1,
          siteDay: first.siteDay,
          shift: first.shift,
          occurredAt: first.occurredAt,
          values,
          notes: first.notes,
          recordedBy: first.recordedBy,
          ...(first.recordedByName ? { recordedByName: first.recordedByName } : {}),
          recordedAt: first.recordedAt,
        }),
      );
  }
  for (const i of [...inspections]
    .filter((i) => i.kind === kind)
    .sort((a, b) => a.attempt - b.attempt))
    out.push(judged({ ...i, source: 'inspection' }));
  return out;
}

export function pickValues(kind: InspectionKind, m: InspectionValues): InspectionValues {
  const out: Record<string, number> = {};
  for (const f of INSPECTIONS[kind].fields) {
    const v = m[f];
    if (typeof v === 'number') out[f] = v;
  }
  return out as InspectionValues;
}

/** The attempt number a re-test takes, or the typed refusal of it. */
export function nextAttempt(
  panelCode: string,
  kind: InspectionKind,
  recordedStages: readonly PanelStage[],
  attempts: readonly Pick<InspectionAttempt, 'attempt' | 'pass' | 'siteDay'>[],
  values: InspectionValues,
  siteDay: string,
): number {
  const spec = INSPECTIONS[kind];
  if (!recordedStages.includes(spec.after))
    throw new AppError('inspection.stage_not_recorded', {
      panel: panelCode,
      kind,
      stage: spec.after,
    });
  const latest = attempts[attempts.length - 1];
  if (latest && siteDay < latest.siteDay)
    throw new AppError('inspection.before_previous', {
      panel: panelCode,
      kind,
      siteDay,
      previous: latest.siteDay,
    });
  if (latest?.pass)
    throw new AppError('inspection.already_passed', {
      panel: panelCode,
      kind,
      attempt: latest.attempt,
    });
  const problems = valueIssues(kind, values);
  if (problems.length) throw invalid(...problems);
  return latest ? latest.attempt + 1 : 1;
}

/** What is wrong with a test's values: a required one missing, one this test does not measure. */
export function valueIssues(kind: InspectionKind, values: InspectionValues): Issue[] {
  const spec = INSPECTIONS[kind];
  const stray = (Object.keys(values) as InspectionField[]).filter((f) => !spec.fields.includes(f));
  return [
    ...spec.required
      .filter((f) => values[f] === undefined)
      .map((f) => issue(`values.${f}`, 'issues.required', 'required for this test')),
    ...stray.map((f) => issue(`values.${f}`, 'issues.notThisTest', 'not measured by this test')),
  ];
}

/**
 * Refuses to take back a stage record that tests hang on: a test's first attempt with re-tests
 * after it, or the stage a test waits for once the test is recorded.
 */
export function assertNoTestsAfter(
  panelCode: string,
  stage: PanelStage,
  inspections: readonly Pick<Inspection, 'kind'>[],
): void {
  for (const i of inspections) {
    const spec = INSPECTIONS[i.kind];
    if (spec.after === stage || spec.firstIn === stage)
      throw new AppError('inspection.not_latest', { panel: panelCode, kind: i.kind });
  }
}

// ---- Undo and corrections ----

/** How long after recording an entry its author may still undo it, whatever the shift. */
export const UNDO_GRACE_MS = 30 * 60 * 1000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The shift an instant falls in on the site's clock: its site day and day or night, a night shift
 * belonging to the day it began on (the hours are the project's setting).
 */
export function shiftOf(
  instant: Date,
  timeZone: string,
  hours: { dayStart: string; nightStart: string },
): { siteDay: string; shift: Shift } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const day = minutesOf(hours.dayStart);
  const night = minutesOf(hours.nightStart);
  // Day shift: from its start to the night's (a night start before the day's wraps past midnight).
  const inDay =
    day <= night ? minutes >= day && minutes < night : minutes >= day || minutes < night;
  if (inDay) return { siteDay: date, shift: 'day' };
  // A night that began yesterday evening still belongs to yesterday.
  if (minutes < day && day <= night) return { siteDay: previousDay(date), shift: 'night' };
  return { siteDay: date, shift: 'night' };
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Why an entry may no longer be undone (it must be corrected, with a reason, instead), or null:
 * only its author undoes it, in the shift they recorded it in (or within half an hour of it), and
 * only while nobody has corrected it.
 */
export function undoRefusal(
  entry: { recordedBy: string; recordedAt: string; corrected: boolean },
  by: string,
  now: Date,
  site: { timezone: string; shiftHours: { dayStart: string; nightStart: string } },
): 'not_author' | 'shift_over' | 'corrected' | null {
  if (entry.corrected) return 'corrected';
  if (entry.recordedBy !== by) return 'not_author';
  const at = new Date(entry.recordedAt);
  if (now.getTime() - at.getTime() <= UNDO_GRACE_MS) return null;
  const then = shiftOf(at, site.timezone, site.shiftHours);
  const current = shiftOf(now, site.timezone, site.shiftHours);
  return then.siteDay === current.siteDay && then.shift === current.shift ? null : 'shift_over';
}

export const CORRECTION_ACTIONS = ['corrected', 'withdrawn'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];
export const CORRECTED_TABLES = ['panel_stage_events', 'inspections'] as const;
export type CorrectedTable = (typeof CORRECTED_TABLES)[number];

/** Field → [old, new]; a field a correction cleared has new null, one it added has old null. */
export type CorrectionChanges = Record<string, [unknown, unknown]>;

/** A correction of a record: a new version of it, with who, when, what changed and why. */
export interface Correction {
  id: string;
  panelId: string;
  recordTable: CorrectedTable;
  recordId: string;
  action: CorrectionAction;
  /** 2 for the first correction (the record as made is version 1), and so on. */
  version: number;
  changes: CorrectionChanges;
  reason: string;
  correctedBy: string;
  correctorName: string;
  correctedAt: string;
}

/** The fields that differ between the record as it stands and as corrected. */
export function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): CorrectionChanges {
  const out: CorrectionChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) out[key] = [from, to];
  }
  return out;
}
