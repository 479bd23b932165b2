import { z } from 'zod';
import { CREW_FIELDS, type CrewDay, type CrewShiftRecord } from '../../domain/crews';
import { dailyLogChangesSchema, logVersionsSchema, type DailyLog } from '../../domain/daily-log';
import { siteDaySchema as day } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import { SHIFTS } from '../../domain/stages';
import type { Opening, TodayView } from '../../domain/today';
import { channel, text } from '../channel';

const projectDay = z.object({ projectId: idSchema, siteDay: day }).strict();

export const siteDayContract = {
  'today:get': channel(projectDay).returns<TodayView>(),
  'today:opening': channel(z.object({}).strict()).returns<Opening>(),
  'crews:day': channel(projectDay).returns<CrewDay>(),
  'crews:range': channel(
    z
      .object({ projectId: idSchema, from: day, to: day })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from after to', path: ['from'] }),
  ).returns<CrewShiftRecord[]>(),
  'crews:set': channel(
    z
      .object({
        projectId: idSchema,
        siteDay: day,
        shift: z.enum(SHIFTS),
        teamId: idSchema,
        // A form sends only the fields the user changed, with the versions it saw; a new record
        // needs a headcount and hours.
        headcount: z.number().int().min(0).max(5000).optional(),
        hours: z.number().min(0).max(24).optional(),
        foreman: text(64).nullable().optional(),
        seen: z.partialRecord(z.enum(CREW_FIELDS), z.string().max(64).nullable()).optional(),
      })
      .strict(),
  ).returns<CrewDay>(),
  'crews:staff': channel(
    z
      .object({ projectId: idSchema, siteDay: day, headcount: z.number().int().min(0).max(5000) })
      .strict(),
  ).returns<CrewDay>(),
  'log:save': channel(
    z
      .object({
        projectId: idSchema,
        siteDay: day,
        fields: dailyLogChangesSchema,
        seen: logVersionsSchema,
      })
      .strict(),
  ).returns<DailyLog>(),
};
