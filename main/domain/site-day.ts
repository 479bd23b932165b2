// The site day an instant falls on, with nothing else imported: the renderer's first lines use it
// (renderer/src/boot.ts) before the rest of the app has loaded.

/** A formatter a time zone: making one costs far more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The day a project opens on: a demo on the day its story is at, a real project on the day it is
 * at the site.
 */
export function openingDay(
  project: { timezone: string; settings: { demoToday: string | null } },
  now: Date,
): string {
  return project.settings.demoToday ?? siteDayOf(now, project.timezone);
}

/** The site day on which an instant falls, in the site's time zone. */
export function siteDayOf(instant: Date, timeZone: string): string {
  let formatter = dayFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
