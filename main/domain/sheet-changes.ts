// Whether the day's data differs from a stored revision of its sheet. A section or field the app or
// the project began to use after the revision was stored (the first machine, the forecasts) is
// not a change of that day: it counts only once it holds a record of its own.
import type { DailySheet } from './daily-sheet';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Holds no record: no list with an entry in it, however deep (totals alone are derived). */
function holdsNoRecord(value: Json | undefined): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every(holdsNoRecord);
  return true;
}

/** The current value as the stored one would have it: what it had no place for, when empty, left out. */
function asStored(current: Json, stored: Json | undefined): Json | undefined {
  if (isObject(current) && isObject(stored)) {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(current)) {
      if (Object.hasOwn(stored, key)) out[key] = asStored(value, stored[key]) ?? null;
      else if (!holdsNoRecord(value)) out[key] = value;
    }
    return out;
  }
  if (Array.isArray(current) && Array.isArray(stored))
    return current.map((v, i) => asStored(v, stored[i]) ?? null);
  return current;
}

/** JSON with object keys sorted, so two equal values print the same. */
function canonical(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export function sheetChangedSince(storedJson: string, current: DailySheet): boolean {
  let stored: Json;
  try {
    stored = JSON.parse(storedJson) as Json;
  } catch {
    return true; // an unreadable snapshot: the day's data is what counts
  }
  const now = JSON.parse(JSON.stringify(current)) as Json;
  return canonical(asStored(now, stored)) !== canonical(stored);
}
