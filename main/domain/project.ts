import { z } from 'zod';
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
  scopeTotal: number;
  scopeFinished: number;
}
