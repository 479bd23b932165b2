// The working calendar: rest weekdays, non-working and reduced periods, as a capacity per day.
import { z } from 'zod';
import { siteDaySchema } from '../dates';

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
/** The digit at a position, or a large negative number when it is not a digit. */
const digitAt = (day: string, i: number) => {
  const c = day.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1e6;
};
/**
 * A site day as a day number. A well-formed YYYY-MM-DD is counted out directly (days from civil,
 * H. Hinnant), which a forecast does thousands of times; anything else goes to Date.parse, and a
 * day past its month's end rolls over as Date.parse rolls it (2023-02-29 is 1 March).
 */
export const dayNumber = (day: string): number => {
  if (day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    // Digits read off the character codes: no slices, no arrays (a sheet asks ten thousand times).
    const y0 = digitAt(day, 0) * 1000 + digitAt(day, 1) * 100 + digitAt(day, 2) * 10;
    const year = y0 + digitAt(day, 3);
    const m = digitAt(day, 5) * 10 + digitAt(day, 6);
    const d = digitAt(day, 8) * 10 + digitAt(day, 9);
    if (year >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      const y = year - (m <= 2 ? 1 : 0);
      const era = Math.floor(y / 400);
      const yoe = y - era * 400;
      const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
      return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
    }
  }
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
};
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

// A compiled calendar is a table of capacities for 1990-01-01 … 2089-12-31 with a running count
// of working days, so a forecast or a cycle time asks for a day, or counts the working days
// between two, without walking the periods. It is kept per calendar object (calendars are not
// mutated once parsed: a new calendar is a new object) and per content, so every request over
// one project's calendar compiles it once.
const TABLE_FIRST = 7305;
const TABLE_DAYS = 36524;
interface Compiled {
  capacity: (n: number) => number;
  /** working[i]: working days in [TABLE_FIRST, TABLE_FIRST + i). */
  working: Int32Array;
}
const byObject = new WeakMap<WorkingCalendar, Compiled>();
const byContent = new Map<string, Compiled>();
const byFunction = new WeakMap<(n: number) => number, Compiled>();

function compile(calendar: WorkingCalendar): Compiled {
  const off = calendar.nonWorking.map((p) => [dayNumber(p.from), dayNumber(p.to)] as const);
  const reduced = calendar.reduced.map(
    (p) => [dayNumber(p.from), dayNumber(p.to), p.capacity] as const,
  );
  const rest = new Set(calendar.restWeekdays);
  // 1970-01-01 was a Thursday (4).
  const resting = (n: number) => rest.size > 0 && rest.has((((n + 4) % 7) + 7) % 7);
  const table = new Float64Array(TABLE_DAYS).fill(1);
  const clip = (n: number) => Math.min(TABLE_DAYS, Math.max(0, n - TABLE_FIRST));
  for (const [a, b, c] of reduced)
    for (let i = clip(a); i < clip(b + 1); i++) table[i] = Math.min(table[i]!, c);
  for (const [a, b] of off) table.fill(0, clip(a), clip(b + 1));
  for (let i = 0; i < TABLE_DAYS; i++) if (resting(i + TABLE_FIRST)) table[i] = 0;
  const working = new Int32Array(TABLE_DAYS + 1);
  for (let i = 0; i < TABLE_DAYS; i++) working[i + 1] = working[i]! + (table[i]! > 0 ? 1 : 0);
  const outside = (n: number): number => {
    if (resting(n)) return 0;
    for (const [a, b] of off) if (n >= a && n <= b) return 0;
    let capacity = 1;
    for (const [a, b, c] of reduced) if (n >= a && n <= b) capacity = Math.min(capacity, c);
    return capacity;
  };
  const capacity = (n: number): number => {
    const i = n - TABLE_FIRST;
    return i >= 0 && i < TABLE_DAYS ? table[i]! : outside(n);
  };
  return { capacity, working };
}

function compiledOf(calendar: WorkingCalendar): Compiled {
  let c = byObject.get(calendar);
  if (c) return c;
  const key = JSON.stringify(calendar);
  c = byContent.get(key);
  if (!c) {
    c = compile(calendar);
    // A handful of calendars at a time (one a project); the oldest goes first.
    if (byContent.size >= 16) byContent.delete(byContent.keys().next().value!);
    byContent.set(key, c);
    byFunction.set(c.capacity, c);
  }
  byObject.set(calendar, c);
  return c;
}

/** The calendar as a capacity function over day numbers: 0 off, 1 full, between for reduced. */
export function compileCalendar(calendar: WorkingCalendar): (n: number) => number {
  return compiledOf(calendar).capacity;
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
  const compiled = typeof calendar === 'function' ? byFunction.get(calendar) : compiledOf(calendar);
  const capacity = typeof calendar === 'function' ? calendar : compiled!.capacity;
  const a = dayNumber(from);
  const b = dayNumber(to);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const sign = a <= b ? 1 : -1;
  const i = lo + 1 - TABLE_FIRST;
  const j = hi + 1 - TABLE_FIRST;
  if (compiled && i >= 0 && j <= TABLE_DAYS)
    return sign * (compiled.working[j]! - compiled.working[i]!);
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (capacity(n) > 0) count += 1;
  return sign * count;
}
