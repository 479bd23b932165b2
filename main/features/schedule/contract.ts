import { z } from 'zod';
import { siteDaySchema as day } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import { milestoneScopeSchema as scope } from '../../domain/milestones';
import type { MilestoneView } from '../../domain/project';
import {
  workingCalendarSchema,
  type ScheduleView,
  type StructureCurve,
  type WorkingCalendar,
} from '../../domain/schedule';
import { PANEL_STAGES } from '../../domain/stages';
import { channel, text } from '../channel';

export interface StructurePlan {
  structureId: string;
  plannedStart: string | null;
  plannedFinish: string | null;
}

const named = { nameZh: text(100).min(1), nameEn: text(100).min(1) };

export const scheduleContract = {
  'milestones:create': channel(
    z
      .object({
        projectId: idSchema,
        ...named,
        dueDate: day,
        scope,
        stage: z.enum(PANEL_STAGES).nullable().optional(),
      })
      .strict(),
  ).returns<MilestoneView>(),
  'milestones:update': channel(
    z
      .object({
        milestoneId: idSchema,
        nameZh: named.nameZh.optional(),
        nameEn: named.nameEn.optional(),
        /** null: no scope (a milestone from a schedule, shown and not forecast). */
        scope: scope.nullable().optional(),
        stage: z.enum(PANEL_STAGES).nullable().optional(),
      })
      .strict(),
  ).returns<MilestoneView>(),
  'milestones:delete': channel(z.object({ milestoneId: idSchema }).strict()).returns<{
    deleted: true;
  }>(),
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
