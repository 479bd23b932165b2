import { z } from 'zod';
import { siteDaySchema } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import { panelDesignFields, type PanelDetail, type PanelSummary } from '../../domain/panel';
import type { ImportPreview } from '../../domain/panel-register';
import { measurementsSchema, PANEL_STAGES, SHIFTS, type StageEvent } from '../../domain/stages';
import { base64Text, channel, text } from '../channel';
import { DECISIONS, holdPointSchema, type Acceptance } from '../../domain/acceptances';
import {
  CORRECTED_TABLES,
  CORRECTION_ACTIONS,
  INSPECTION_KINDS,
  inspectionValuesSchema,
  type CorrectionChanges,
  type InspectionAttempt,
} from '../../domain/inspections';

/** A correction as written: its id and what it changed. */
export interface CorrectionWritten {
  id: string;
  changes: CorrectionChanges;
}

/** A file sent for import, base64-encoded; ~10 MB of data at most. */
const fileSchema = {
  fileName: text(255).min(1),
  dataBase64: base64Text(14_000_000),
};
const importInput = z
  .object({ projectId: idSchema, structureId: idSchema.optional(), ...fileSchema })
  .strict();

/** A panel's design data as a form sends it (toe level and sequence may be left to the app). */
const design = {
  ...panelDesignFields,
  sequence: panelDesignFields.sequence.optional(),
  toeLevelM: panelDesignFields.toeLevelM.optional(),
  cageWeightT: panelDesignFields.cageWeightT.optional(),
  jointType: panelDesignFields.jointType.optional(),
};

export const panelsContract = {
  'panels:add': channel(
    z.object({ structureId: idSchema, ...design }).strict(),
  ).returns<PanelDetail>(),
  'panels:update': channel(
    z
      .object({
        panelId: idSchema,
        changes: z.object(design).partial().strict(),
        reason: text(500).nullable().optional(),
      })
      .strict(),
  ).returns<PanelDetail>(),
  'panels:retire': channel(
    z.object({ panelId: idSchema, retired: z.boolean() }).strict(),
  ).returns<PanelDetail>(),
  'panels:remove': channel(z.object({ panelId: idSchema }).strict()).returns<{ removed: true }>(),
  'panels:list': channel(
    z.object({ projectId: idSchema, structureId: idSchema.optional() }).strict(),
  ).returns<PanelSummary[]>(),
  'panels:get': channel(z.object({ panelId: idSchema }).strict()).returns<PanelDetail>(),
  'stages:record': channel(
    z
      .object({
        panelId: idSchema,
        stage: z.enum(PANEL_STAGES),
        siteDay: siteDaySchema,
        shift: z.enum(SHIFTS),
        teamId: idSchema.nullable().optional(),
        occurredAt: z.iso.datetime({ offset: true }).optional(),
        measurements: measurementsSchema,
        notes: text(2000).nullable().optional(),
      })
      .strict(),
  ).returns<StageEvent>(),
  'inspections:record': channel(
    z
      .object({
        panelId: idSchema,
        kind: z.enum(INSPECTION_KINDS),
        siteDay: siteDaySchema,
        shift: z.enum(SHIFTS),
        occurredAt: z.iso.datetime({ offset: true }).optional(),
        values: inspectionValuesSchema,
        notes: text(2000).nullable().optional(),
      })
      .strict(),
  ).returns<InspectionAttempt[]>(),
  'inspections:undo': channel(z.object({ inspectionId: idSchema }).strict()).returns<{
    deleted: true;
  }>(),
  /** A stage record or a test attempt corrected (a new version) or withdrawn, with a reason. */
  'records:correct': channel(
    z
      .object({
        recordTable: z.enum(CORRECTED_TABLES),
        recordId: idSchema,
        action: z.enum(CORRECTION_ACTIONS),
        values: inspectionValuesSchema.optional(),
        notes: text(2000).nullable().optional(),
        reason: text(1000),
      })
      .strict(),
  ).returns<CorrectionWritten>(),
  'stages:delete': channel(z.object({ eventId: idSchema }).strict()).returns<{ deleted: true }>(),
  'acceptances:decide': channel(
    z
      .object({
        panelId: idSchema,
        point: holdPointSchema,
        decision: z.enum(DECISIONS),
        remark: text(500).nullable().optional(),
      })
      .strict(),
  ).returns<Acceptance[]>(),
  'import:preview': channel(importInput).returns<ImportPreview>(),
  'import:commit': channel(importInput).returns<ImportPreview>(),
};
