import { z } from 'zod';
import type { WorkingCalendar } from './schedule';
import type { ProjectSettings } from './settings';

export const STRUCTURE_KINDS = ['shaft', 'cut_and_cover'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/** Plan outline of a structure in metres, used to lay panels around it on the wall plan. */
export const outlineSchema = z
  .object({
    shape: z.literal('rectangle'),
    lengthM: z.number().positive(),
    widthM: z.number().positive(),
  })
  .strict();
export type Outline = z.infer<typeof outlineSchema>;

export interface Project {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  timezone: string;
  isDemo: boolean;
  settings: ProjectSettings;
  /** The working calendar every forecast uses. */
  calendar: WorkingCalendar;
  structures: Structure[];
}

export interface Structure {
  id: string;
  projectId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: StructureKind;
  outline: Outline | null;
  /** The planned start and finish of its walls: the planned S-curve runs between them. */
  plannedStart: string | null;
  plannedFinish: string | null;
}

export interface Team {
  id: string;
  projectId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
}

export interface Milestone {
  id: string;
  projectId: string;
  nameZh: string;
  nameEn: string;
  dueDate: string;
  baselineDate: string;
  actualDate: string | null;
  scopeStructureId: string | null;
}

/** A milestone as the app shows it: due, baseline, and the actual date derived from its scope. */
export interface MilestoneView extends Milestone {
  /** The panels the milestone covers: its structure's, or a list of its own. */
  scopePanelIds: string[];
  scopeTotal: number;
  scopeFinished: number;
}

/** One move of a milestone's due date: kept as a synced row, so every laptop sees who and when. */
export interface DueDateChange {
  id: string;
  milestoneId: string;
  fromDate: string;
  toDate: string;
  changedBy: string;
  changedByName: string;
  changedAt: string;
  reason: string | null;
}
