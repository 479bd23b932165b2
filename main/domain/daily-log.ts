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

/** The day's log: weather, location and what people need to know. All optional until filled. */
export const dailyLogFieldsSchema = z
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
  .strict()
  .refine((l) => l.tempMinC === null || l.tempMaxC === null || l.tempMinC <= l.tempMaxC, {
    message: 'minimum above maximum',
    path: ['tempMinC'],
  });
export type DailyLogFields = z.infer<typeof dailyLogFieldsSchema>;

export interface DailyLog extends DailyLogFields {
  id: string;
  projectId: string;
  siteDay: string;
  updatedBy: string;
  updatedAt: string;
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
