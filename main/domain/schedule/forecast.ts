// A finish as a range (P50, P90), by resampling the observed daily output over the calendar.
import { compileCalendar, dayNumber, dayOf, type WorkingCalendar } from './calendar';

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
  return forecastFinishes(calendar, observed, [remaining], asOf).get(remaining)!;
}

/**
 * forecastFinish for several amounts of work left, from the same observed output: one
 * convolution up to the largest, since the panels done by a day do not depend on how many are
 * wanted. The work is done by a day when at least that many panels are (the mass from there up,
 * and what has passed the largest).
 */
export function forecastFinishes(
  calendar: WorkingCalendar,
  observed: readonly number[],
  remainings: readonly number[],
  asOf: string,
): Map<number, Forecast | null> {
  const out = new Map<number, Forecast | null>();
  const total = observed.reduce((a, b) => a + b, 0);
  const rate = total / observed.length;
  const workingDaysSampled = observed.length;
  const wanted: number[] = [];
  for (const remaining of remainings) {
    if (remaining <= 0) out.set(remaining, { p50: asOf, p90: asOf, rate: 0, workingDaysSampled });
    else if (observed.length < MIN_HISTORY_DAYS || total === 0) out.set(remaining, null);
    else wanted.push(remaining);
  }
  if (!wanted.length) return out;
  // The distribution of one full day's output, in whole panels.
  const counts = new Map<number, number>();
  for (const v of observed) {
    const whole = Math.max(0, Math.round(v));
    counts.set(whole, (counts.get(whole) ?? 0) + 1);
  }
  const values = [...counts.keys()];
  const probs = values.map((v) => counts.get(v)! / observed.length);
  // Each amount as whole panels, largest first, with its P50 once known.
  const targets = [...new Set(wanted.map((r) => Math.ceil(r)))].sort((a, b) => b - a);
  const p50s = new Map<number, string>();
  const p90s = new Map<number, string>();
  const target = targets[0]!;
  const capacity = compileCalendar(calendar);
  // mass[s]: the probability that `s` panels are done, below the largest amount.
  let mass = new Float64Array(target);
  let next = new Float64Array(target);
  mass[0] = 1;
  // The probability that the largest amount is done.
  let done = 0;
  // The mass lies between `lo` and `hi`: below, it has all moved on; above, the fastest days have
  // not reached yet (a ten-thousand-billionth left behind at either end is let go).
  let lo = 0;
  let hi = 0;
  const most = Math.max(...values);
  let day = dayNumber(asOf);
  for (let worked = 0; worked < HORIZON_WORKING_DAYS && p90s.size < targets.length;) {
    day += 1;
    const c = capacity(day);
    if (c === 0) continue;
    worked += 1;
    const top = Math.min(target - 1, hi + most);
    next.fill(0, lo, top + 1);
    for (let s = lo; s <= hi; s++) {
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
    hi = top;
    while (hi > lo && mass[hi]! < 1e-16) hi -= 1;
    while (lo < hi && mass[lo]! < 1e-16) lo += 1;
    // Each amount's chance of being done: the mass from it up, walking down from the top.
    let atLeast = done;
    let s = hi;
    for (const t of targets) {
      if (p90s.has(t)) continue;
      for (; s >= Math.max(t, lo); s--) atLeast += mass[s]!;
      // A hair of tolerance, so an exact half is a half despite rounding.
      if (!p50s.has(t) && atLeast >= 0.5 - 1e-9) p50s.set(t, dayOf(day));
      if (atLeast >= 0.9 - 1e-9) p90s.set(t, dayOf(day));
    }
  }
  for (const remaining of wanted) {
    const t = Math.ceil(remaining);
    const p90 = p90s.get(t);
    out.set(
      remaining,
      p90 === undefined ? null : { p50: p50s.get(t)!, p90, rate, workingDaysSampled },
    );
  }
  return out;
}
