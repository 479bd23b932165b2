import { z } from 'zod';

export const WEATHER = [
  'sunny',
  'cloudy',
  'overcast',
  'light_rain',
  'rain',
  'heavy_rain',
  'snow',
  'fog',
] as const;
export type Weather = (typeof WEATHER)[number];

const text = (max: number) => z.string().trim().max(max).nullable();

const fieldsObject = z
  .object({
    weatherAm: z.enum(WEATHER).nullable(),
    weatherPm: z.enum(WEATHER).nullable(),
    tempMinC: z.number().min(-40).max(50).nullable(),
    tempMaxC: z.number().min(-40).max(50).nullable(),
    rainMm: z.number().min(0).max(1000).nullable(),
    wind: text(32),
    location: text(200),
    notes: text(4000),
    issues: text(4000),
    safety: text(4000),
  })
  .strict();

/** The temperatures must not cross; checked on the whole log, after a save's changes. */
export function temperaturesInOrder(l: {
  tempMinC: number | null;
  tempMaxC: number | null;
}): boolean {
  return l.tempMinC === null || l.tempMaxC === null || l.tempMinC <= l.tempMaxC;
}

/** The day's log: weather, location and what people need to know. All optional until filled. */
export type DailyLogFields = z.infer<typeof fieldsObject>;
export type LogField = keyof DailyLogFields;
export const LOG_FIELDS = Object.keys(fieldsObject.shape) as [LogField, ...LogField[]];

/**
 * What a save sends: only the fields the user changed, and the version of each that they saw, so
 * two people filling different parts of one day's log both keep their part.
 */
export const dailyLogChangesSchema = fieldsObject.partial();
export const logVersionsSchema = z
  .partialRecord(z.enum(LOG_FIELDS), z.string().max(64).nullable())
  .optional();

export interface DailyLog extends DailyLogFields {
  id: string;
  projectId: string;
  siteDay: string;
  updatedBy: string;
  updatedAt: string;
  /** The version of each field as read (null: never written), to send back with a save. */
  versions: Record<LogField, string | null>;
}

export const EMPTY_LOG_FIELDS: DailyLogFields = {
  weatherAm: null,
  weatherPm: null,
  tempMinC: null,
  tempMaxC: null,
  rainMm: null,
  wind: null,
  location: null,
  notes: null,
  issues: null,
  safety: null,
};
