import type { Outline } from './outline';
import type { WorkingCalendar } from './schedule/calendar';
import type { ProjectSettings } from './settings';
import type { PanelStage } from './stages';

export { outlineSchema, type Outline } from './outline';

/** 'shaft' is a working shaft (工作井), where the tunnel boring machine starts. */
export const STRUCTURE_KINDS = ['shaft', 'receiving_shaft', 'cut_and_cover', 'other'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export interface Project {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  timezone: string;
  isDemo: boolean;
  /** The owner (建设单位) and contractor (施工单位) as the sheet's header names them. */
  ownerName: string | null;
  contractorName: string | null;
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
  /** When it was retired: it keeps its history and leaves the forms, counts and forecasts. */
  retiredAt: string | null;
}

export interface Team {
  id: string;
  projectId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  retiredAt: string | null;
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
  /** The stage the scope must reach ("all guide walls done"); null: concreting. */
  scopeStage: PanelStage | null;
}

/** A milestone as the app shows it: due, baseline, and the actual date derived from its scope. */
export interface MilestoneView extends Milestone {
  /** The panels the milestone covers: its structure's, or a list of its own. */
  scopePanelIds: string[];
  scopeTotal: number;
  scopeFinished: number;
  /** False for a milestone imported from a schedule and left without a scope: never forecast. */
  scoped: boolean;
  /** The schedule activity it was imported from (P6 task code, MSP WBS or ID), and its WBS. */
  sourceCode: string | null;
  sourceWbs: string | null;
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
