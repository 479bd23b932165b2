// Site days are YYYY-MM-DD strings in the site's time zone (DESIGN.md, Data).
import { addDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import { AppError } from './errors';

export const siteDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

export { siteDayOf } from './site-day';

/**
 * A day as a person types it, read as YYYY-MM-DD: 2023-03-31, 2023/3/31, 2023.3.31, 20230331 or
 * 2023年3月31日, year first whatever the language; null when it is not a whole calendar day.
 */
export function readDay(text: string): string | null {
  const t = text.trim();
  const parts =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!parts) return null;
  const day = `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return siteDaySchema.safeParse(day).success ? day : null;
}

/** The next calendar day of a site day (YYYY-MM-DD), without time-zone surprises. */
export function nextDay(siteDay: string, days = 1): string {
  return format(addDays(parseISO(siteDay), days), 'yyyy-MM-dd');
}

/** Progress can be recorded up to tomorrow (a night shift planned ahead), never further. */
export function assertNotFuture(siteDay: string, today: string): void {
  const limit = nextDay(today);
  if (siteDay > limit) throw new AppError('date.too_far_ahead', { siteDay, limit });
}

/** The days from `from` to `to` inclusive. */
/** The most days one export of a range holds (two months of sheets). */
export const MAX_RANGE_DAYS = 62;

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to && out.length < 4000; day = nextDay(day)) out.push(day);
  return out;
}
