import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { milestoneScopeSchema as scope } from '../../domain/milestones';
import type { ActivityKind, ScheduleActivity } from '../../domain/schedule-import/model';
import { PANEL_STAGES } from '../../domain/stages';
import { base64Text, channel, text } from '../channel';

/** A P6 XER or Microsoft Project XML file as the renderer read it (50 MB at most, in base64). */
const file = {
  fileName: text(255).regex(/\.(xer|xml)$/i, 'a .xer or .xml file'),
  dataBase64: base64Text(70_000_000),
};

/** What the file would do to an activity already imported, or to a new pick. */
export type ImportChange = 'new' | 'update' | 'same';

export interface PreviewActivity extends ScheduleActivity {
  /** The milestone imported from this activity before, if any. */
  milestoneId: string | null;
  /** For an imported milestone: what a commit changes (its name, its due date). */
  change: ImportChange | null;
  milestoneDue: string | null;
  /** The day a milestone from it is due, and its baseline, as the import would set them. */
  due: string | null;
  baseline: string | null;
  /** Structures whose plan comes from this activity. */
  planFor: string[];
}

export interface SchedulePreview {
  fileName: string;
  format: 'xer' | 'mspdi';
  encoding: string;
  projects: { code: string; name: string }[];
  activities: PreviewActivity[];
  milestoneCount: number;
  /** How many activities of each kind the file holds (P6's task types). */
  kinds: { kind: ActivityKind; count: number }[];
}

export interface ScheduleImportResult {
  added: number;
  updated: number;
  unchanged: number;
  plansSet: number;
}

export const scheduleImportContract = {
  'schedule:import-preview': channel(
    z.object({ projectId: idSchema, ...file }).strict(),
  ).returns<SchedulePreview>(),
  'schedule:import-commit': channel(
    z
      .object({
        projectId: idSchema,
        ...file,
        /** New milestones, by activity code, each with its scope or none (shown, not forecast). */
        milestones: z
          .array(
            z
              .object({
                code: text(100).min(1),
                scope: scope.nullable(),
                stage: z.enum(PANEL_STAGES).nullable().optional(),
              })
              .strict(),
          )
          .max(5000),
        /** Structures whose planned start and finish come from an activity. */
        plans: z
          .array(z.object({ structureId: idSchema, code: text(100).min(1) }).strict())
          .max(500),
      })
      .strict(),
  ).returns<ScheduleImportResult>(),
};
