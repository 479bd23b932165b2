// The typed contract: channel -> input schema -> result type. Renderer, preload, IPC, HTTP bridge
// and CLI all derive their types from here, so a renamed channel fails to compile everywhere.
import { z } from 'zod';
import { CREW_FIELDS, type CrewDay, type CrewShiftRecord } from '../domain/crews';
import { backupNameSchema, type BackupInfo } from '../domain/backups';
import { dailyLogChangesSchema, logVersionsSchema, type DailyLog } from '../domain/daily-log';
import { siteDaySchema } from '../domain/dates';
import type { Envelope } from '../domain/errors';
import { idSchema } from '../domain/ids';
import type { PanelDetail, PanelSummary } from '../domain/panel';
import type { ImportPreview } from '../domain/panel-register';
import type { MilestoneView, Project } from '../domain/project';
import { measurementsSchema, PANEL_STAGES, SHIFTS, type StageEvent } from '../domain/stages';
import {
  workingCalendarSchema,
  type ScheduleView,
  type StructureCurve,
  type WorkingCalendar,
} from '../domain/schedule';
import type { TodayView } from '../domain/today';
import type { Conflict } from '../domain/conflicts';
import type { LocalRole } from '../domain/roles';
import { SHEET_FORMATS, SHEET_LANGUAGES, type SheetState } from '../domain/daily-sheet';
import type { RejectedChangeView, SyncStatus, TokenProtection } from '../domain/sync-status';
import type { Channel } from './channels';

const text = (max: number) => z.string().trim().max(max);
const day = siteDaySchema;
/** A file sent for import, base64-encoded; ~10 MB of data at most. */
const fileSchema = {
  fileName: text(255).min(1),
  dataBase64: z
    .string()
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
};

const sheetDay = { projectId: idSchema, siteDay: day };
const sheetLang = z.enum(SHEET_LANGUAGES);

export const inputSchemas = {
  'app:info': z.object({}).strict(),
  'project:get': z.object({ projectId: idSchema.optional() }).strict(),
  'panels:list': z.object({ projectId: idSchema, structureId: idSchema.optional() }).strict(),
  'panels:get': z.object({ panelId: idSchema }).strict(),
  'stages:record': z
    .object({
      panelId: idSchema,
      stage: z.enum(PANEL_STAGES),
      siteDay: day,
      shift: z.enum(SHIFTS),
      teamId: idSchema.nullable().optional(),
      occurredAt: z.iso.datetime({ offset: true }).optional(),
      measurements: measurementsSchema,
      notes: text(2000).nullable().optional(),
    })
    .strict(),
  'stages:update': z
    .object({
      eventId: idSchema,
      measurements: measurementsSchema,
      notes: text(2000).nullable().optional(),
    })
    .strict(),
  'stages:delete': z.object({ eventId: idSchema }).strict(),
  'today:get': z.object({ projectId: idSchema, siteDay: day }).strict(),
  'crews:day': z.object({ projectId: idSchema, siteDay: day }).strict(),
  'crews:range': z
    .object({ projectId: idSchema, from: day, to: day })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'from after to', path: ['from'] }),
  'crews:set': z
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
  'crews:staff': z
    .object({ projectId: idSchema, siteDay: day, headcount: z.number().int().min(0).max(5000) })
    .strict(),
  'log:save': z
    .object({
      projectId: idSchema,
      siteDay: day,
      fields: dailyLogChangesSchema,
      seen: logVersionsSchema,
    })
    .strict(),
  'milestones:list': z.object({ projectId: idSchema }).strict(),
  'milestones:set-due': z
    .object({ milestoneId: idSchema, dueDate: day, reason: text(500).nullable().optional() })
    .strict(),
  'schedule:get': z.object({ projectId: idSchema, asOf: day }).strict(),
  'schedule:curve': z.object({ structureId: idSchema, asOf: day }).strict(),
  'schedule:set-calendar': z
    .object({ projectId: idSchema, calendar: workingCalendarSchema })
    .strict(),
  'schedule:set-plan': z
    .object({ structureId: idSchema, plannedStart: day.nullable(), plannedFinish: day.nullable() })
    .strict()
    .refine((p) => !p.plannedStart || !p.plannedFinish || p.plannedStart <= p.plannedFinish, {
      message: 'start after finish',
      path: ['plannedFinish'],
    }),
  'import:preview': z
    .object({ projectId: idSchema, structureId: idSchema.optional(), ...fileSchema })
    .strict(),
  'import:commit': z
    .object({ projectId: idSchema, structureId: idSchema.optional(), ...fileSchema })
    .strict(),
  'sync:status': z.object({}).strict(),
  'sync:connect': z
    .object({
      url: z.url({ protocol: /^https?$/ }).max(500),
      username: text(64).min(1),
      password: z.string().min(1).max(256),
      deviceName: text(100).min(1),
      projectId: idSchema.optional(),
      publish: z.boolean().optional(),
    })
    .strict(),
  'sync:now': z.object({}).strict(),
  'sync:disconnect': z.object({}).strict(),
  'sync:conflicts': z.object({ projectId: idSchema }).strict(),
  'sync:rejected': z.object({}).strict(),
  'sync:resolve': z.object({ conflictId: idSchema, keep: z.enum(['kept', 'lost']) }).strict(),
  'sheet:preview': z
    .object({ ...sheetDay, lang: sheetLang, revision: z.number().int().positive().optional() })
    .strict(),
  'sheet:export': z
    .object({
      ...sheetDay,
      lang: sheetLang,
      format: z.enum(SHEET_FORMATS),
      revision: z.number().int().positive().optional(),
    })
    .strict(),
  'sheet:export-range': z
    .object({
      projectId: idSchema,
      from: day,
      to: day,
      lang: sheetLang,
      format: z.enum(SHEET_FORMATS),
    })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'from after to', path: ['from'] }),
  'sheet:state': z.object(sheetDay).strict(),
  'sheet:submit': z.object(sheetDay).strict(),
  'sheet:approve': z.object(sheetDay).strict(),
  'backups:list': z.object({}).strict(),
  'backups:create': z.object({}).strict(),
  'backups:restore': z.object({ name: backupNameSchema }).strict(),
} satisfies Record<Channel, z.ZodType>;

export type Runtime = 'electron' | 'browser-harness' | 'cli' | 'test';

export interface AppInfo {
  version: string;
  schemaVersion: string;
  dataDir: string;
  databaseFile: string;
  runtime: Runtime;
  nodeVersion: string;
  electronVersion: string | null;
  /** The signed-in user and role ('owner': a laptop never signed in, which may do everything). */
  user: { name: string; role: LocalRole };
  /** How the device token is kept: encrypted by the OS, or in a file of its own (a warning). */
  tokenProtection: TokenProtection;
}

export interface Results {
  'app:info': AppInfo;
  'project:get': Project;
  'panels:list': PanelSummary[];
  'panels:get': PanelDetail;
  'stages:record': StageEvent;
  'stages:update': StageEvent;
  'stages:delete': { deleted: true };
  'today:get': TodayView;
  'crews:day': CrewDay;
  'crews:range': CrewShiftRecord[];
  'crews:set': CrewDay;
  'crews:staff': CrewDay;
  'log:save': DailyLog;
  'milestones:list': MilestoneView[];
  'milestones:set-due': MilestoneView;
  'schedule:get': ScheduleView;
  'schedule:curve': StructureCurve;
  'schedule:set-calendar': WorkingCalendar;
  'schedule:set-plan': {
    structureId: string;
    plannedStart: string | null;
    plannedFinish: string | null;
  };
  'import:preview': ImportPreview;
  'import:commit': ImportPreview;
  'sync:status': SyncStatus;
  'sync:connect': SyncStatus;
  'sync:now': SyncStatus;
  'sync:disconnect': SyncStatus;
  'sync:conflicts': Conflict[];
  'sync:rejected': RejectedChangeView[];
  'sync:resolve': Conflict[];
  'sheet:preview': { html: string; empty: boolean };
  'sheet:export': { fileName: string; mimeType: string; dataBase64: string };
  'sheet:export-range': { fileName: string; mimeType: string; dataBase64: string };
  'sheet:state': SheetState;
  'sheet:submit': SheetState;
  'sheet:approve': SheetState;
  'backups:list': BackupInfo[];
  'backups:create': BackupInfo;
  'backups:restore': { restored: string; keptAside: string };
}

export type Input<K extends Channel> = z.input<(typeof inputSchemas)[K]>;
export type ParsedInput<K extends Channel> = z.output<(typeof inputSchemas)[K]>;

/** What a handler map must provide: every channel, taking unknown input. */
export type Api = { [K in Channel]: (input: unknown) => Promise<Results[K]> };

/** The object the preload (Electron) or the browser client (harness) puts on window.api. */
export interface WindowApi {
  invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Envelope<Results[K]>>;
}
