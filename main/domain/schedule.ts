// Schedule arithmetic for forecasts (issue: schedule intelligence): a working calendar, observed
// production per working day, and a milestone's finish date as a range (P50, P90) by resampling
// the observed daily output. Pure and seeded: the same input gives the same dates.
import { addDays, format, parseISO } from 'date-fns';
import { seededRandom } from './random';

export interface WorkingCalendar {
  /** Days off, e.g. the Spring Festival, as inclusive YYYY-MM-DD periods. */
  nonWorking: { from: string; to: string }[];
}

const next = (day: string) => format(addDays(parseISO(day), 1), 'yyyy-MM-dd');

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  return !calendar.nonWorking.some((p) => day >= p.from && day <= p.to);
}

/** The working day `n` working days after `day` (n = 0: `day` itself if it is a working day). */
export function addWorkingDays(calendar: WorkingCalendar, day: string, n: number): string {
  let current = day;
  while (!isWorkingDay(calendar, current)) current = next(current);
  for (let left = n; left > 0;) {
    current = next(current);
    if (isWorkingDay(calendar, current)) left -= 1;
  }
  return current;
}

/** Output on each of the last `window` working days up to and including `asOf` (oldest first). */
export function dailyOutput(
  calendar: WorkingCalendar,
  finishedDays: readonly string[],
  asOf: string,
  window: number,
): number[] {
  const counts = new Map<string, number>();
  for (const d of finishedDays) counts.set(d, (counts.get(d) ?? 0) + 1);
  const days: string[] = [];
  let day = asOf;
  for (let guard = 0; days.length < window && guard < window * 4 + 400; guard++) {
    if (isWorkingDay(calendar, day)) days.unshift(day);
    day = format(addDays(parseISO(day), -1), 'yyyy-MM-dd');
  }
  return days.map((d) => counts.get(d) ?? 0);
}

export interface Forecast {
  p50: string;
  p90: string;
  /** Mean output per working day over the sample. */
  rate: number;
  workingDaysSampled: number;
}

/**
 * When `remaining` units will be done, working from the day after `asOf`: each of `runs`
 * simulations draws daily outputs from the observed ones (with replacement) until the remaining
 * work is done. Null when the history is too short or shows no output: no date is invented.
 */
export function forecastFinish(
  calendar: WorkingCalendar,
  observed: readonly number[],
  remaining: number,
  asOf: string,
  options: { seed?: number; runs?: number; minDays?: number } = {},
): Forecast | null {
  const minDays = options.minDays ?? 5;
  if (remaining <= 0) return { p50: asOf, p90: asOf, rate: 0, workingDaysSampled: observed.length };
  const total = observed.reduce((a, b) => a + b, 0);
  if (observed.length < minDays || total === 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const runs = options.runs ?? 2000;
  const needed: number[] = [];
  for (let r = 0; r < runs; r++) {
    let done = 0;
    let days = 0;
    while (done < remaining && days < 100_000) {
      done += observed[Math.floor(random() * observed.length)]!;
      days += 1;
    }
    needed.push(days);
  }
  needed.sort((a, b) => a - b);
  const at = (q: number) => needed[Math.min(needed.length - 1, Math.ceil(q * needed.length) - 1)]!;
  const start = next(asOf);
  return {
    p50: addWorkingDays(calendar, start, at(0.5) - 1),
    p90: addWorkingDays(calendar, start, at(0.9) - 1),
    rate: total / observed.length,
    workingDaysSampled: observed.length,
  };
}
