import { z } from 'zod';
import { siteDaySchema as day } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import type { MilestoneView } from '../../domain/project';
import {
  workingCalendarSchema,
  type ScheduleView,
  type StructureCurve,
  type WorkingCalendar,
} from '../../domain/schedule';
import { channel, text } from '../channel';

export interface StructurePlan {
  structureId: string;
  plannedStart: string | null;
  plannedFinish: string | null;
}

export const scheduleContract = {
  'milestones:list': channel(z.object({ projectId: idSchema }).strict()).returns<MilestoneView[]>(),
  'milestones:set-due': channel(
    z
      .object({ milestoneId: idSchema, dueDate: day, reason: text(500).nullable().optional() })
      .strict(),
  ).returns<MilestoneView>(),
  'schedule:get': channel(
    z.object({ projectId: idSchema, asOf: day }).strict(),
  ).returns<ScheduleView>(),
  'schedule:curve': channel(
    z.object({ structureId: idSchema, asOf: day }).strict(),
  ).returns<StructureCurve>(),
  'schedule:set-calendar': channel(
    z.object({ projectId: idSchema, calendar: workingCalendarSchema }).strict(),
  ).returns<WorkingCalendar>(),
  'schedule:set-plan': channel(
    z
      .object({
        structureId: idSchema,
        plannedStart: day.nullable(),
        plannedFinish: day.nullable(),
      })
      .strict()
      .refine((p) => !p.plannedStart || !p.plannedFinish || p.plannedStart <= p.plannedFinish, {
        message: 'start after finish',
        path: ['plannedFinish'],
      }),
  ).returns<StructurePlan>(),
};
