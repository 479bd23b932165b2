// Schedule arithmetic (issue 6): a working calendar, production rates, stage cycle times, planned
// against actual, and a milestone's finish as a range (P50, P90) by resampling the observed daily
// output. Pure and exact: the same input gives the same dates on every machine.
import { z } from 'zod';
import { siteDaySchema } from './dates';
import type { PanelStage } from './stages';
import type { PanelType } from './panel';
import type { DueDateChange, MilestoneView } from './project';

const period = {
  from: siteDaySchema,
  to: siteDaySchema,
  /** What the period is, e.g. 春节 / Spring Festival. */
  label: z.string().trim().max(80),
};
const ordered = { message: 'from after to', path: ['to'] };

export const workingCalendarSchema = z
  .object({
    /** Weekdays the site rests every week (0 = Sunday … 6 = Saturday); sites often work all seven. */
    restWeekdays: z
      .array(z.number().int().min(0).max(6))
      .max(6)
      .refine((d) => new Set(d).size === d.length, { message: 'a weekday is listed twice' }),
    /** Days off, e.g. a public holiday, as inclusive periods. */
    nonWorking: z
      .array(
        z
          .object(period)
          .strict()
          .refine((p) => p.from <= p.to, ordered),
      )
      .max(200),
    /** Days worked with part of the crew, e.g. the Spring Festival with the key teams only. */
    reduced: z
      .array(
        z
          .object({ ...period, capacity: z.number().gt(0).lt(1) })
          .strict()
          .refine((p) => p.from <= p.to, ordered),
      )
      .max(200),
  })
  .strict();
export type WorkingCalendar = z.infer<typeof workingCalendarSchema>;

/** A site that works every day at full strength until the calendar says otherwise. */
export const DEFAULT_CALENDAR: WorkingCalendar = { restWeekdays: [], nonWorking: [], reduced: [] };

export function parseCalendar(json: string | null | undefined): WorkingCalendar {
  try {
    const parsed = workingCalendarSchema.safeParse(json ? JSON.parse(json) : null);
    return parsed.success ? parsed.data : DEFAULT_CALENDAR;
  } catch {
    return DEFAULT_CALENDAR;
  }
}

// Days as whole numbers (days since 1970-01-01), so walking a calendar is integer arithmetic.
const DAY_MS = 86_400_000;
export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The calendar as a capacity function over day numbers: 0 off, 1 full, between for reduced. */
export function compileCalendar(calendar: WorkingCalendar): (n: number) => number {
  const off = calendar.nonWorking.map((p) => [dayNumber(p.from), dayNumber(p.to)] as const);
  const reduced = calendar.reduced.map(
    (p) => [dayNumber(p.from), dayNumber(p.to), p.capacity] as const,
  );
  const rest = new Set(calendar.restWeekdays);
  return (n) => {
    // 1970-01-01 was a Thursday (4).
    if (rest.size > 0 && rest.has((((n + 4) % 7) + 7) % 7)) return 0;
    for (const [a, b] of off) if (n >= a && n <= b) return 0;
    let capacity = 1;
    for (const [a, b, c] of reduced) if (n >= a && n <= b) capacity = Math.min(capacity, c);
    return capacity;
  };
}

export function capacityOn(calendar: WorkingCalendar, day: string): number {
  return compileCalendar(calendar)(dayNumber(day));
}

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  return capacityOn(calendar, day) > 0;
}

/** The working day `n` working days after `day` (n = 0: `day` itself if it is a working day). */
export function addWorkingDays(calendar: WorkingCalendar, day: string, n: number): string {
  const capacity = compileCalendar(calendar);
  let current = dayNumber(day);
  // A calendar with no working day at all would never end; ten years is the limit.
  const limit = current + 3660 + n * 7;
  while (capacity(current) === 0 && current < limit) current += 1;
  for (let left = n; left > 0 && current < limit;) {
    current += 1;
    if (capacity(current) > 0) left -= 1;
  }
  return dayOf(current);
}

/** Working days in (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(
  calendar: WorkingCalendar | ((n: number) => number),
  from: string,
  to: string,
): number {
  const capacity = typeof calendar === 'function' ? calendar : compileCalendar(calendar);
  const [a, b] = [dayNumber(from), dayNumber(to)];
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (capacity(n) > 0) count += 1;
  return sign * count;
}

/**
 * Output on each of the last `window` full working days up to and including `asOf`, oldest
 * first, but not before `since` (the scope's first day of work). Reduced days are left out of the
 * sample: what a reduced day gives is modelled from full days (see forecastFinish).
 */
export function observedOutput(
  calendar: WorkingCalendar,
  finishedDays: readonly string[],
  asOf: string,
  options: { window: number | 'all'; since?: string | null },
): number[] {
  const capacity = compileCalendar(calendar);
  const counts = new Map<number, number>();
  for (const d of finishedDays) {
    const n = dayNumber(d);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const end = dayNumber(asOf);
  const first = options.since ? dayNumber(options.since) : end - 3660;
  const window = options.window === 'all' ? Infinity : options.window;
  const out: number[] = [];
  for (let n = end; n >= first && out.length < window; n--) {
    if (capacity(n) === 1) out.push(counts.get(n) ?? 0);
  }
  return out.reverse();
}

export interface Forecast {
  p50: string;
  p90: string;
  /** Mean output per full working day over the sample. */
  rate: number;
  workingDaysSampled: number;
}

/** Fewer working days of history than this, or no output in them, and no date is given. */
export const MIN_HISTORY_DAYS = 5;

/** The forecast looks this many working days ahead at most (about ten years). */
const HORIZON_WORKING_DAYS = 3660;

/**
 * When `remaining` panels will be done, working from the day after `asOf`, as P50 and P90 of the
 * bootstrap: each future full working day's output is drawn, with replacement, from the observed
 * daily outputs; a reduced day gives a full day's draw with probability equal to its capacity
 * (so a 60 % day is a full day's work six times in ten), and a non-working day gives nothing.
 *
 * The bootstrap's distribution is computed exactly, by convolving the day-output distribution
 * day by day over the calendar, instead of by drawing a thousand simulated runs: the same model,
 * with no sampling noise, so the same input always gives the same dates (no seed is needed).
 * Null when the history is too short or shows no output, or the finish is beyond the horizon:
 * no date is invented.
 */
export function forecastFinish(
  calendar: WorkingCalendar,
  observed: readonly number[],
  remaining: number,
  asOf: string,
): Forecast | null {
  if (remaining <= 0) return { p50: asOf, p90: asOf, rate: 0, workingDaysSampled: observed.length };
  const total = observed.reduce((a, b) => a + b, 0);
  if (observed.length < MIN_HISTORY_DAYS || total === 0) return null;
  // The distribution of one full day's output, in whole panels.
  const counts = new Map<number, number>();
  for (const v of observed) {
    const whole = Math.max(0, Math.round(v));
    counts.set(whole, (counts.get(whole) ?? 0) + 1);
  }
  const values = [...counts.keys()];
  const probs = values.map((v) => counts.get(v)! / observed.length);
  const target = Math.ceil(remaining);
  const capacity = compileCalendar(calendar);
  // mass[s]: the probability that the work is not yet done and `s` panels are.
  let mass = new Float64Array(target);
  let next = new Float64Array(target);
  mass[0] = 1;
  let done = 0;
  // Below `lo` the mass has all moved on (a ten-thousand-billionth left behind is let go).
  let lo = 0;
  let p50: string | null = null;
  let day = dayNumber(asOf);
  for (let worked = 0; worked < HORIZON_WORKING_DAYS;) {
    day += 1;
    const c = capacity(day);
    if (c === 0) continue;
    worked += 1;
    next.fill(0, lo);
    for (let s = lo; s < target; s++) {
      const m = mass[s]!;
      if (m === 0) continue;
      if (c < 1) next[s]! += (1 - c) * m;
      for (let j = 0; j < values.length; j++) {
        const t = s + values[j]!;
        const share = c * probs[j]! * m;
        if (t < target) next[t]! += share;
        else done += share;
      }
    }
    [mass, next] = [next, mass];
    while (lo < target - 1 && mass[lo]! < 1e-16) lo += 1;
    // A hair of tolerance, so an exact half is a half despite rounding.
    if (p50 === null && done >= 0.5 - 1e-9) p50 = dayOf(day);
    if (done >= 0.9 - 1e-9)
      return {
        p50: p50 ?? dayOf(day),
        p90: dayOf(day),
        rate: total / observed.length,
        workingDaysSampled: observed.length,
      };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Production rates and cycle times

export const RATE_WINDOWS = [7, 14, 28, 'all'] as const;
export type RateWindow = (typeof RATE_WINDOWS)[number];

export interface ProductionRate {
  window: RateWindow;
  workingDays: number;
  panels: number;
  areaM2: number;
  panelsPerDay: number;
  areaM2PerDay: number;
}

/** Panels and m² of wall finished per working day over the last 7 / 14 / 28 working days and
 * since `since` (the first day of work). Reduced days count as working days here. */
export function productionRates(
  calendar: WorkingCalendar,
  finished: readonly { day: string; areaM2: number }[],
  asOf: string,
  since: string | null,
): ProductionRate[] {
  const capacity = compileCalendar(calendar);
  const end = dayNumber(asOf);
  const start = since ? dayNumber(since) : end + 1;
  const working: number[] = [];
  for (let n = end; n >= start; n--) if (capacity(n) > 0) working.push(n);
  return RATE_WINDOWS.map((window) => {
    const span = window === 'all' ? working : working.slice(0, window);
    const from = span.length > 0 ? span[span.length - 1]! : end + 1;
    let panels = 0;
    let areaM2 = 0;
    for (const f of finished) {
      const n = dayNumber(f.day);
      if (n >= from && n <= end) {
        panels += 1;
        areaM2 += f.areaM2;
      }
    }
    const days = span.length;
    return {
      window,
      workingDays: days,
      panels,
      areaM2: round(areaM2, 1),
      panelsPerDay: days > 0 ? round(panels / days, 2) : 0,
      areaM2PerDay: days > 0 ? round(areaM2 / days, 1) : 0,
    };
  });
}

export interface CycleTime {
  type: PanelType;
  /** Finished panels of this type the figures come from. */
  panels: number;
  /** Working days from excavation to concreting: median and 90th percentile. */
  medianDays: number | null;
  p90Days: number | null;
  /** Median working days from each stage to concreting: what is left once a stage is done. */
  toConcreting: Partial<Record<PanelStage, number>>;
}

export interface PanelStageDays {
  type: PanelType;
  /** The site day each stage was recorded on. */
  days: Partial<Record<PanelStage, string>>;
}

const CYCLE_STAGES: readonly PanelStage[] = [
  'excavation',
  'trench_acceptance',
  'desanding',
  'cage_lowered',
];

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Per panel type, the working days from excavation to concreting over the finished panels. */
export function cycleTimes(
  calendar: WorkingCalendar,
  panels: readonly PanelStageDays[],
  types: readonly PanelType[],
): CycleTime[] {
  const capacity = compileCalendar(calendar);
  const between = (a: string, b: string) => workingDaysBetween(capacity, a, b);
  return types.map((type) => {
    const done = panels.filter((p) => p.type === type && p.days.excavation && p.days.concreting);
    const total = done.map((p) => between(p.days.excavation!, p.days.concreting!));
    total.sort((a, b) => a - b);
    const toConcreting: Partial<Record<PanelStage, number>> = {};
    for (const stage of CYCLE_STAGES) {
      const left = done
        .filter((p) => p.days[stage])
        .map((p) => between(p.days[stage]!, p.days.concreting!))
        .sort((a, b) => a - b);
      const median = quantile(left, 0.5);
      if (median !== null) toConcreting[stage] = median;
    }
    return {
      type,
      panels: done.length,
      medianDays: quantile(total, 0.5),
      p90Days: quantile(total, 0.9),
      toConcreting,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Planned against actual

export interface CurvePoint {
  day: string;
  /** Planned cumulative panels, or null where there is no plan. */
  planned: number | null;
  /** Actual cumulative panels, up to the as-of day. */
  actual: number | null;
}

/**
 * The S-curve of a structure: planned cumulative panels spread over the working calendar between
 * the planned start and finish (a reduced day carries its share of a full day), and the actual
 * cumulative count of finished panels, one point per day from `from` to `to`.
 */
export function sCurve(
  calendar: WorkingCalendar,
  input: {
    total: number;
    plannedStart: string | null;
    plannedFinish: string | null;
    finishedDays: readonly string[];
    from: string;
    to: string;
    asOf: string;
  },
): CurvePoint[] {
  const capacity = compileCalendar(calendar);
  const [from, to, asOf] = [dayNumber(input.from), dayNumber(input.to), dayNumber(input.asOf)];
  const counts = new Map<number, number>();
  let before = 0;
  for (const d of input.finishedDays) {
    const n = dayNumber(d);
    if (n < from) before += 1;
    else counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let ps = input.plannedStart ? dayNumber(input.plannedStart) : null;
  let pf = input.plannedFinish ? dayNumber(input.plannedFinish) : null;
  if (ps !== null && pf !== null && pf < ps) [ps, pf] = [null, null];
  let planWeight = 0;
  if (ps !== null && pf !== null) for (let n = ps; n <= pf; n++) planWeight += capacity(n);
  let plannedSoFar = 0;
  if (ps !== null && pf !== null)
    for (let n = ps; n < Math.min(from, pf + 1); n++) plannedSoFar += capacity(n);
  const points: CurvePoint[] = [];
  let actual = before;
  for (let n = from; n <= to; n++) {
    actual += counts.get(n) ?? 0;
    let planned: number | null = null;
    if (ps !== null && pf !== null) {
      if (n >= ps && n <= pf) plannedSoFar += capacity(n);
      planned =
        planWeight > 0
          ? round((input.total * plannedSoFar) / planWeight, 2)
          : n >= pf
            ? input.total
            : 0;
    }
    points.push({ day: dayOf(n), planned, actual: n <= asOf ? actual : null });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------
// Milestones

export const FORECAST_STATUSES = [
  'done',
  'on_track',
  'at_risk',
  'late',
  'not_enough_data',
] as const;
export type ForecastStatus = (typeof FORECAST_STATUSES)[number];

/** Working days of recent history a milestone forecast resamples. */
export const FORECAST_WINDOW = 28;

export interface MilestoneForecast {
  status: ForecastStatus;
  total: number;
  finished: number;
  remaining: number;
  p50: string | null;
  p90: string | null;
  /** Mean panels per full working day over the sample. */
  rate: number | null;
  workingDaysSampled: number;
  /** Working days from P50 to the due date: positive is slack, negative is late. */
  floatDays: number | null;
  actualDate: string | null;
}

/**
 * A milestone's forecast from its scope's finished days: P50 and P90 from the last
 * FORECAST_WINDOW working days of output (not before the scope's first day of work), float
 * against the due date, and a status: on track when P90 meets the due date, at risk when only
 * P50 does, late when neither does.
 */
export function forecastMilestone(
  calendar: WorkingCalendar,
  input: {
    total: number;
    /** Finished day of each finished panel in scope (any day; later than asOf is ignored). */
    finishedDays: readonly string[];
    /** The scope's first day of work (its first excavation), or null if nothing has started. */
    since: string | null;
    dueDate: string;
    asOf: string;
  },
): MilestoneForecast {
  const known = input.finishedDays.filter((d) => d <= input.asOf);
  const finished = known.length;
  const remaining = Math.max(0, input.total - finished);
  const base = { total: input.total, finished, remaining };
  if (input.total > 0 && remaining === 0) {
    const actualDate = known.reduce((a, b) => (a > b ? a : b));
    return {
      ...base,
      status: 'done',
      p50: actualDate,
      p90: actualDate,
      rate: null,
      workingDaysSampled: 0,
      floatDays: workingDaysBetween(calendar, actualDate, input.dueDate),
      actualDate,
    };
  }
  const observed = input.since
    ? observedOutput(calendar, known, input.asOf, { window: FORECAST_WINDOW, since: input.since })
    : [];
  const forecast =
    input.total > 0 ? forecastFinish(calendar, observed, remaining, input.asOf) : null;
  if (!forecast)
    return {
      ...base,
      status: 'not_enough_data',
      p50: null,
      p90: null,
      rate: null,
      workingDaysSampled: observed.length,
      floatDays: null,
      actualDate: null,
    };
  const status: ForecastStatus =
    forecast.p90 <= input.dueDate ? 'on_track' : forecast.p50 <= input.dueDate ? 'at_risk' : 'late';
  return {
    ...base,
    status,
    p50: forecast.p50,
    p90: forecast.p90,
    rate: round(forecast.rate, 2),
    workingDaysSampled: forecast.workingDaysSampled,
    floatDays: workingDaysBetween(calendar, forecast.p50, input.dueDate),
    actualDate: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Look-ahead

/**
 * When a panel part-way through is expected to be concreted: the day of its last recorded stage
 * plus the median working days from that stage to concreting for its type (or for all types,
 * when its own type has no finished panel yet). Never before the day after `asOf`.
 */
export function expectedConcreting(
  calendar: WorkingCalendar,
  panel: { type: PanelType; stage: PanelStage; day: string },
  cycles: readonly CycleTime[],
  asOf: string,
): string | null {
  const own = cycles.find((c) => c.type === panel.type)?.toConcreting[panel.stage];
  const any = cycles
    .map((c) => c.toConcreting[panel.stage])
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  const left = own ?? quantile(any, 0.5);
  if (left === null || left === undefined) return null;
  const day = addWorkingDays(calendar, panel.day, left);
  const earliest = addWorkingDays(calendar, dayOf(dayNumber(asOf) + 1), 0);
  return day < earliest ? earliest : day;
}

export interface LookAheadDay {
  day: string;
  capacity: number;
  /** Panels expected to reach concreting that day. */
  panels: { panelId: string; code: string; stage: PanelStage }[];
  /** Crews expected: the latest recorded roster, scaled by the day's capacity; null without one. */
  crews: { teams: number; workers: number } | null;
}

// ---------------------------------------------------------------------------------------------
// What the Schedule screen, the CLI and the daily sheet receive

export interface StructureSchedule {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  plannedStart: string | null;
  plannedFinish: string | null;
  total: number;
  finished: number;
  rates: ProductionRate[];
}

export interface MilestoneSchedule extends Omit<MilestoneView, 'scopePanelIds'> {
  forecast: MilestoneForecast;
  changes: DueDateChange[];
}

export interface ScheduleView {
  projectId: string;
  asOf: string;
  calendar: WorkingCalendar;
  structures: StructureSchedule[];
  /** Panels finished and m² per working day over the whole project. */
  rates: ProductionRate[];
  cycleTimes: CycleTime[];
  milestones: MilestoneSchedule[];
  lookAhead: LookAheadDay[];
}

export interface StructureCurve {
  structureId: string;
  asOf: string;
  points: CurvePoint[];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
