// The site day an instant falls on, with nothing else imported: the renderer's first lines use it
// (renderer/src/boot.ts) before the rest of the app has loaded.

/** A formatter a time zone: making one costs far more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

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
