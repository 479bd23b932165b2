import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { outlineSchema } from '../../domain/outline';
import { layoutInputSchema, type PanelLayout } from '../../domain/panel-layout';
import { STRUCTURE_KINDS, type Project, type Team } from '../../domain/project';
import { workingCalendarSchema } from '../../domain/schedule';
import { projectSettingsSchema } from '../../domain/settings';
import { base64Text, channel, text } from '../channel';

export interface ProjectListItem {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  isDemo: boolean;
  /** The project this laptop opens on. */
  active: boolean;
}

const code = text(32)
  .min(1)
  .regex(/^[^\s/\\]+$/, 'no spaces or slashes');
const name = text(100).min(1);
const header = {
  ownerName: text(200).nullable().optional(),
  contractorName: text(200).nullable().optional(),
};
const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone');

/** Where a new project's teams come from. */
const teamsFrom = z.discriminatedUnion('from', [
  z.object({ from: z.literal('key-teams') }).strict(),
  z.object({ from: z.literal('none') }).strict(),
  z.object({ from: z.literal('project'), projectId: idSchema }).strict(),
]);

export const setupContract = {
  'project:list': channel(z.object({}).strict()).returns<ProjectListItem[]>(),
  /** Whether this laptop has yet to choose a project (the welcome screen shows until it does). */
  'project:first-run': channel(z.object({}).strict()).returns<{ firstRun: boolean }>(),
  'project:select': channel(z.object({ projectId: idSchema }).strict()).returns<Project>(),
  'project:create': channel(
    z
      .object({
        code,
        nameZh: name,
        nameEn: name,
        timezone: timezone.optional(),
        ...header,
        settings: projectSettingsSchema.partial().optional(),
        calendar: workingCalendarSchema.optional(),
        teams: teamsFrom.optional(),
      })
      .strict(),
  ).returns<Project>(),
  /** The project's definition file: its whole set-up, no progress. */
  'project:export': channel(z.object({ projectId: idSchema }).strict()).returns<{
    fileName: string;
    mimeType: string;
    dataBase64: string;
  }>(),
  /** A project from a definition file (base64 JSON, at most 14 MB as sent). */
  'project:create-from-file': channel(
    z
      .object({
        fileName: text(255).regex(/\.json$/i, 'a .json file'),
        dataBase64: base64Text(19_000_000),
      })
      .strict(),
  ).returns<Project>(),
  'project:update': channel(
    z
      .object({
        projectId: idSchema,
        code: code.optional(),
        nameZh: name.optional(),
        nameEn: name.optional(),
        timezone: timezone.optional(),
        ...header,
        settings: projectSettingsSchema.partial().optional(),
      })
      .strict(),
  ).returns<Project>(),
  'teams:list': channel(z.object({ projectId: idSchema }).strict()).returns<Team[]>(),
  'teams:save': channel(
    z
      .object({
        projectId: idSchema,
        teamId: idSchema.optional(),
        code,
        nameZh: name,
        nameEn: name,
      })
      .strict(),
  ).returns<Team[]>(),
  'teams:retire': channel(z.object({ teamId: idSchema, retired: z.boolean() }).strict()).returns<
    Team[]
  >(),
  'teams:reorder': channel(
    z.object({ projectId: idSchema, teamIds: z.array(idSchema).min(1).max(200) }).strict(),
  ).returns<Team[]>(),
  'structures:save': channel(
    z
      .object({
        projectId: idSchema,
        structureId: idSchema.optional(),
        code,
        nameZh: name,
        nameEn: name,
        kind: z.enum(STRUCTURE_KINDS),
        outline: outlineSchema.nullable(),
      })
      .strict(),
  ).returns<Project>(),
  'structures:retire': channel(
    z.object({ structureId: idSchema, retired: z.boolean() }).strict(),
  ).returns<Project>(),
  'layout:preview': channel(layoutInputSchema).returns<PanelLayout>(),
  'layout:apply': channel(
    layoutInputSchema
      .omit({ outline: true, panelLengths: true })
      .extend({ structureId: idSchema })
      .strict(),
  ).returns<{ created: number }>(),
};
