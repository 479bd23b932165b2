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
