// A milestone's forecast, and when a panel under way is expected to be concreted.
import type { PanelType } from '../panel';
import type { PanelStage } from '../stages';
import {
  addWorkingDays,
  dayNumber,
  dayOf,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';
import { forecastFinish, forecastFinishes, observedOutput, type Forecast } from './forecast';
import { quantile, round } from './numbers';
import type { CycleTime } from './rates';

export const FORECAST_STATUSES = [
  'done',
  'on_track',
  'at_risk',
  'late',
  'not_enough_data',
  'unmapped',
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
 * Forecasts already worked out over one calendar, by their inputs: milestones whose scopes have
 * the same recent output and the same panels left share one convolution (a project's milestones
 * often do: the same shafts' walls at successive stages).
 */
export type ForecastMemo = Map<string, Forecast | null>;

const memoKey = (observed: readonly number[], remaining: number, asOf: string) =>
  // The bootstrap draws days in any order, so the days' outputs are keyed as a sorted sample.
  `${remaining}@${asOf}:${[...observed].sort((a, b) => a - b).join(',')}`;

function memoizedFinish(
  calendar: WorkingCalendar,
  observed: readonly number[],
  remaining: number,
  asOf: string,
  memo: ForecastMemo | undefined,
): Forecast | null {
  if (!memo) return forecastFinish(calendar, observed, remaining, asOf);
  const key = memoKey(observed, remaining, asOf);
  if (!memo.has(key)) memo.set(key, forecastFinish(calendar, observed, remaining, asOf));
  return memo.get(key)!;
}

type MilestoneInput = Parameters<typeof forecastMilestone>[1];

/** The panels finished by the as-of day and, where a date is to be forecast, the sample. */
function forecastInputs(calendar: WorkingCalendar, input: MilestoneInput) {
  const known = input.finishedDays.filter((d) => d <= input.asOf);
  const remaining = Math.max(0, input.total - known.length);
  const observed =
    input.since && input.total > 0 && remaining > 0
      ? observedOutput(calendar, known, input.asOf, {
          window: FORECAST_WINDOW,
          since: input.since,
        })
      : [];
  return { known, remaining, observed };
}

/**
 * The forecasts of several milestones on one calendar and day: the milestones whose scopes show
 * the same output share one convolution for all their amounts of work left (forecastFinishes).
 */
export function forecastMilestones(
  calendar: WorkingCalendar,
  inputs: readonly MilestoneInput[],
): MilestoneForecast[] {
  const samples = new Map<string, { observed: number[]; asOf: string; remainings: number[] }>();
  for (const input of inputs) {
    if (input.scoped === false) continue;
    const { remaining, observed } = forecastInputs(calendar, input);
    if (!observed.length) continue;
    const key = memoKey(observed, 0, input.asOf);
    const sample = samples.get(key) ?? { observed, asOf: input.asOf, remainings: [] };
    sample.remainings.push(remaining);
    samples.set(key, sample);
  }
  const memo: ForecastMemo = new Map();
  for (const { observed, asOf, remainings } of samples.values())
    for (const [remaining, forecast] of forecastFinishes(calendar, observed, remainings, asOf))
      memo.set(memoKey(observed, remaining, asOf), forecast);
  return inputs.map((input) => forecastMilestone(calendar, input, memo));
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
    /** False for a milestone imported from a schedule with no scope: shown, never forecast. */
    scoped?: boolean;
  },
  /** Shared by the milestones of one calendar and day, so equal inputs are worked out once. */
  memo?: ForecastMemo,
): MilestoneForecast {
  if (input.scoped === false)
    return {
      status: 'unmapped',
      total: 0,
      finished: 0,
      remaining: 0,
      p50: null,
      p90: null,
      rate: null,
      workingDaysSampled: 0,
      floatDays: null,
      actualDate: null,
    };
  const { known, remaining, observed } = forecastInputs(calendar, input);
  const finished = known.length;
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
  const forecast =
    input.total > 0 ? memoizedFinish(calendar, observed, remaining, input.asOf, memo) : null;
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
