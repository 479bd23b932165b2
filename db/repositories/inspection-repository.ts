// Reads of inspections (a stage's re-tests, the concrete's slump tests) and of the corrections of
// stage records and attempts.
import type { Knex } from 'knex';
import {
  INSPECTION_KINDS,
  INSPECTIONS,
  type CorrectedTable,
  type Correction,
  type CorrectionAction,
  type CorrectionChanges,
  type Inspection,
  type InspectionField,
  type InspectionKind,
  type InspectionValues,
} from '../../main/domain/inspections';
import type { PanelStage, Shift } from '../../main/domain/stages';
import { parseJsonCell } from '../../main/domain/sync-check';
import { MEASUREMENT_COLUMNS } from './stage-event-repository';
import type { Row } from './write';

const COLUMN_OF: Record<InspectionField, string> = {
  ...MEASUREMENT_COLUMNS,
  slumpMm: 'slump_mm',
  cubeSets: 'cube_sets',
};
/** What the tests measure (INSPECTIONS), field → column. */
const VALUE_COLUMNS = [...new Set(INSPECTION_KINDS.flatMap((k) => INSPECTIONS[k].fields))].map(
  (field) => [field, COLUMN_OF[field]] as const,
);

/** The panel's slurry re-tests the cage's hold point judges; none are read for another stage. */
export async function slurryRetestsFor(
  db: Knex | Knex.Transaction,
  panelId: string,
  stage: PanelStage,
) {
  if (stage !== 'cage_lowered') return [];
  return (await listInspections(db, [panelId])).filter((i) => i.kind === 'slurry');
}

export function inspectionValueColumns(values: InspectionValues): Row {
  const row: Row = {};
  for (const [field, column] of VALUE_COLUMNS) row[column] = values[field] ?? null;
  return row;
}

type InspectionRow = Record<string, string | number | null>;

const toInspection = (r: InspectionRow): Inspection => {
  const values: Record<string, number> = {};
  for (const [field, column] of VALUE_COLUMNS) {
    const v = r[column];
    if (v !== null && v !== undefined) values[field] = Number(v);
  }
  return {
    id: String(r.id),
    kind: r.kind as InspectionKind,
    attempt: Number(r.attempt),
    siteDay: String(r.site_day),
    shift: r.shift as Shift,
    occurredAt: String(r.occurred_at),
    values: values as InspectionValues,
    notes: (r.notes as string | null) ?? null,
    recordedBy: String(r.updated_by),
    recordedAt: String(r.created_at),
  };
};

/** The live inspections of some panels, each with its panel, by test and attempt. */
export async function listInspections(
  db: Knex | Knex.Transaction,
  panelIds: readonly string[],
): Promise<(Inspection & { panelId: string })[]> {
  if (!panelIds.length) return [];
  const rows = (await db('inspections')
    .whereIn('panel_id', panelIds)
    .whereNull('deleted_at')
    .orderBy([{ column: 'kind' }, { column: 'attempt' }, { column: 'id' }])) as InspectionRow[];
  return rows.map((r) => ({ ...toInspection(r), panelId: String(r.panel_id) }));
}

export async function findInspection(
  db: Knex | Knex.Transaction,
  id: string,
): Promise<(Inspection & { panelId: string; projectId: string }) | null> {
  const r = (await db('inspections').where({ id }).whereNull('deleted_at').first()) as
    InspectionRow | undefined;
  return r
    ? { ...toInspection(r), panelId: String(r.panel_id), projectId: String(r.project_id) }
    : null;
}

/** A project's inspections done on a site day, with their panel's code, oldest first. */
export async function dayInspections(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<(Inspection & { panelId: string; panelCode: string })[]> {
  const rows = (await db('inspections as i')
    .join('panels as p', 'p.id', 'i.panel_id')
    .where({ 'i.project_id': projectId, 'i.site_day': siteDay })
    .whereNull('i.deleted_at')
    .orderBy([{ column: 'i.occurred_at' }, { column: 'i.id' }])
    .select('i.*', 'p.code as panel_code')) as InspectionRow[];
  return rows.map((r) => ({
    ...toInspection(r),
    panelId: String(r.panel_id),
    panelCode: String(r.panel_code),
  }));
}

type CorrectionRow = Record<string, string | null>;

/** The corrections of some panels' records, oldest first, each numbered as its record's version. */
export async function listCorrections(
  db: Knex | Knex.Transaction,
  panelIds: readonly string[],
): Promise<Correction[]> {
  if (!panelIds.length) return [];
  const rows = (await db('corrections')
    .whereIn('panel_id', panelIds)
    .whereNull('deleted_at')
    .orderBy([{ column: 'corrected_at' }, { column: 'id' }])) as CorrectionRow[];
  const versions = new Map<string, number>();
  return rows.map((r) => {
    const version = (versions.get(r.record_id!) ?? 1) + 1;
    versions.set(r.record_id!, version);
    return {
      id: r.id!,
      panelId: r.panel_id!,
      recordTable: r.record_table as CorrectedTable,
      recordId: r.record_id!,
      action: r.action as CorrectionAction,
      version,
      changes: parseJsonCell<CorrectionChanges>(r.changes ?? null, {}),
      reason: r.reason!,
      correctedBy: r.corrected_by!,
      correctorName: r.corrector_name!,
      correctedAt: r.corrected_at!,
    };
  });
}

/** Whether a record has been corrected (its author's undo then closes). */
export async function isCorrected(db: Knex | Knex.Transaction, recordId: string): Promise<boolean> {
  const row = await db('corrections')
    .where({ record_id: recordId })
    .whereNull('deleted_at')
    .first('id');
  return Boolean(row);
}
