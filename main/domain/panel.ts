import type { Correction, InspectionAttempt } from './inspections';
import type { Acceptance, HoldPoint } from './acceptances';
import { z } from 'zod';
import type { PanelStage, PanelStatus, StageEvent } from './stages';

export const PANEL_TYPES = ['primary', 'secondary', 'closing'] as const;
export type PanelType = (typeof PANEL_TYPES)[number];

export const JOINT_TYPES = [
  'circular',
  'rubber_band',
  'cross_steel_plate',
  'h_steel',
  'cutter_overlap',
] as const;
export type JointType = (typeof JOINT_TYPES)[number];

/** A panel's design data: what the drawings say, before anything is built. */
export interface Panel {
  id: string;
  projectId: string;
  structureId: string;
  code: string;
  type: PanelType;
  sequence: number;
  lengthM: number;
  thicknessM: number;
  designDepthM: number;
  topLevelM: number;
  toeLevelM: number;
  theoreticalVolumeM3: number;
  cageWeightT: number | null;
  jointType: JointType | null;
  /** A retired panel will not be built: it stays in the register and leaves every count. */
  retiredAt: string | null;
  /** Where a generated panel lies on its structure's wall line; null for imported ones. */
  position: PanelPosition | null;
}

export interface PanelPosition {
  line: number;
  fromM: number;
  toM: number;
  cornerAtM: number | null;
}

/** A panel's design fields and their limits: the one home the register, the forms, the
 * definition file and the contract build on. */
export const panelDesignFields = {
  code: z.string().trim().min(1).max(32),
  type: z.enum(PANEL_TYPES),
  sequence: z.number().int().min(1).max(100_000),
  lengthM: z.number().gt(0).max(20),
  thicknessM: z.number().gt(0).max(3),
  designDepthM: z.number().gt(0).max(150),
  topLevelM: z.number().min(-200).max(200),
  toeLevelM: z.number().min(-300).max(200),
  cageWeightT: z.number().gt(0).max(500).nullable(),
  jointType: z.enum(JOINT_TYPES).nullable(),
};

export const toeBelowTop: [
  (p: { toeLevelM: number; topLevelM: number }) => boolean,
  { message: string; path: string[]; params: { key: string } },
] = [
  (p) => p.toeLevelM < p.topLevelM,
  {
    message: 'toe level must be below top level',
    path: ['toeLevelM'],
    params: { key: 'issues.toeBelowTop' },
  },
];

export const panelDesignSchema = z
  .object(panelDesignFields)
  .strict()
  .refine(...toeBelowTop);

/** Theoretical concrete volume of a rectangular panel: length × thickness × depth, in m³. */
export function theoreticalVolume(
  p: Pick<Panel, 'lengthM' | 'thicknessM' | 'designDepthM'>,
): number {
  return Math.round(p.lengthM * p.thicknessM * p.designDepthM * 100) / 100;
}

/** A panel with how far it has got: what the register and the wall plan show. */
export interface PanelSummary extends Panel {
  status: PanelStatus;
  finishedOn: string | null;
}

/** A correction of a panel's design data: each changed column's value before and after. */
export interface PanelDesignChange {
  id: string;
  changes: Record<string, [unknown, unknown]>;
  changedBy: string;
  changedByName: string;
  changedAt: string;
  reason: string | null;
}

export interface PanelDetail extends PanelSummary {
  events: StageEvent[];
  /** The supervisor's decisions on its hold points, oldest first. */
  acceptances: Acceptance[];
  /** Every attempt of its tests (trench, slurry, concrete), each judged against the limits. */
  inspections: InspectionAttempt[];
  /** The corrections of its stage records and attempts, oldest first (withdrawn ones too). */
  corrections: Correction[];
  /** The hold points this project requires a supervisor to sign. */
  requiredSignatures: HoldPoint[];
  designChanges: PanelDesignChange[];
  nextStage: PanelStage | null;
  overbreakPct: number | null;
}
