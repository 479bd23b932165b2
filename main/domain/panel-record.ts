// The panel's construction record (槽段施工记录 / panel QA record): one document per panel with
// every stage, measurement against its limit, the supervisor's decisions and the design changes,
// with the true names and times, kept for handover (竣工资料). Plain data: every exporter renders
// the same object.
import type { Acceptance, HoldPoint } from './acceptances';
import type { CorrectionAction, InspectionAttempt, InspectionKind } from './inspections';
import type { SheetQaCheck } from './daily-sheet';
import type { Panel } from './panel';
import type { PanelStage, PanelStatus, Shift } from './stages';

export interface RecordStage {
  stage: PanelStage;
  siteDay: string;
  shift: Shift;
  team: { nameZh: string; nameEn: string } | null;
  /** The rig that dug, when recorded. */
  rig: string | null;
  notes: string | null;
  recordedByName: string;
  /** When it was recorded (an instant; printed on the site's clock). */
  recordedAt: string;
  checks: Pick<SheetQaCheck, 'field' | 'value' | 'limit' | 'pass'>[];
}

export interface PanelRecord {
  project: {
    code: string;
    nameZh: string;
    nameEn: string;
    ownerName: string | null;
    contractorName: string | null;
    timezone: string;
  };
  structure: { code: string; nameZh: string; nameEn: string };
  panel: Pick<
    Panel,
    | 'code'
    | 'type'
    | 'sequence'
    | 'lengthM'
    | 'thicknessM'
    | 'designDepthM'
    | 'topLevelM'
    | 'toeLevelM'
    | 'theoreticalVolumeM3'
    | 'cageWeightT'
    | 'jointType'
  > & { status: PanelStatus; finishedOn: string | null; overbreakPct: number | null };
  stages: RecordStage[];
  acceptances: Omit<Acceptance, 'id' | 'panelId' | 'signedBy'>[];
  requiredSignatures: HoldPoint[];
  /** Every attempt of every test, in order, failed ones with what failed. */
  tests: (Pick<
    InspectionAttempt,
    | 'kind'
    | 'attempt'
    | 'siteDay'
    | 'shift'
    | 'values'
    | 'pass'
    | 'failures'
    | 'notes'
    | 'recordedAt'
  > & { recordedByName: string })[];
  /** Each correction of a stage record or an attempt: a new version, with who, when and why. */
  corrections: {
    /** The record corrected: a stage's, or a test's attempt. */
    of: { stage: PanelStage } | { kind: InspectionKind; attempt: number };
    version: number;
    action: CorrectionAction;
    correctorName: string;
    correctedAt: string;
    changes: { field: string; from: unknown; to: unknown }[];
    reason: string;
  }[];
  designChanges: {
    changedAt: string;
    changedByName: string;
    changes: string;
    reason: string | null;
  }[];
  /** When the record was made (an instant). */
  madeAt: string;
}

export const RECORD_FORMATS = ['pdf', 'xlsx'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
