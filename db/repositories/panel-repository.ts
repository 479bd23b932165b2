import type { Knex } from 'knex';
import type { SyncedWriter } from './synced-writer';
import type { PanelStage } from '../../main/domain/stages';
import { latestDay, projectPanelFacts, type PanelFact } from './panel-facts';
import {
  theoreticalVolume,
  type JointType,
  type Panel,
  type PanelDesignChange,
  type PanelType,
} from '../../main/domain/panel';
import { parseJsonCell } from '../../main/domain/sync-check';

interface PanelRow {
  id: string;
  project_id: string;
  structure_id: string;
  code: string;
  type: string;
  sequence: number;
  length_m: number;
  thickness_m: number;
  design_depth_m: number;
  top_level_m: number;
  toe_level_m: number;
  theoretical_volume_m3: number;
  cage_weight_t: number | null;
  joint_type: string | null;
  retired_at: string | null;
  wall_line: number | null;
  from_m: number | null;
  to_m: number | null;
  corner_at_m: number | null;
}

const COLUMNS = [
  'id',
  'project_id',
  'structure_id',
  'code',
  'type',
  'sequence',
  'length_m',
  'thickness_m',
  'design_depth_m',
  'top_level_m',
  'toe_level_m',
  'theoretical_volume_m3',
  'cage_weight_t',
  'joint_type',
  'retired_at',
  'wall_line',
  'from_m',
  'to_m',
  'corner_at_m',
] as const;

function toPanel(row: PanelRow): Panel {
  return {
    id: row.id,
    projectId: row.project_id,
    structureId: row.structure_id,
    code: row.code,
    type: row.type as PanelType,
    sequence: row.sequence,
    lengthM: row.length_m,
    thicknessM: row.thickness_m,
    designDepthM: row.design_depth_m,
    topLevelM: row.top_level_m,
    toeLevelM: row.toe_level_m,
    theoreticalVolumeM3: row.theoretical_volume_m3,
    cageWeightT: row.cage_weight_t,
    jointType: row.joint_type as JointType | null,
    retiredAt: row.retired_at,
    position:
      row.wall_line === null || row.from_m === null || row.to_m === null
        ? null
        : { line: row.wall_line, fromM: row.from_m, toM: row.to_m, cornerAtM: row.corner_at_m },
  };
}

export async function listPanels(
  db: Knex,
  filter: { projectId: string; structureId?: string | undefined; withRetired?: boolean },
): Promise<Panel[]> {
  const query = db('panels')
    .select([...COLUMNS])
    .where({ project_id: filter.projectId })
    .whereNull('deleted_at');
  if (filter.structureId) query.andWhere({ structure_id: filter.structureId });
  // A retired panel leaves every count and forecast; only the register shows it.
  if (!filter.withRetired) query.whereNull('retired_at');
  const rows: PanelRow[] = await query.orderBy([
    { column: 'structure_id' },
    { column: 'sequence' },
  ]);
  return rows.map(toPanel);
}

export async function findPanel(db: Knex, panelId: string): Promise<Panel | null> {
  const row: PanelRow | undefined = await db('panels')
    .select([...COLUMNS])
    .where({ id: panelId })
    .whereNull('deleted_at')
    .first();
  return row ? toPanel(row) : null;
}

/** A project's live panels as stored, column by column (an import compares them cell by cell). */
export async function livePanelRows(
  db: Knex,
  projectId: string,
): Promise<Record<string, string | number | null>[]> {
  return db('panels').where({ project_id: projectId }).whereNull('deleted_at');
}

export type PanelStageDays = Omit<PanelFact, 'rank' | 'stageDays'> & {
  /** The latest site day of each stage, up to and including `asOf`. */
  days: Record<string, string>;
};

/** The project's panels with their stages' latest days up to and including `asOf`. */
export async function panelStageDays(
  db: Knex,
  projectId: string,
  stages: readonly PanelStage[],
  asOf: string,
): Promise<PanelStageDays[]> {
  const { panels } = await projectPanelFacts(db, projectId);
  // Fields named one by one: an object rest and spread copy them far more slowly, 2,000 a call.
  return panels.map((p) => {
    const days: Record<string, string> = {};
    for (const stage of stages) {
      const day = latestDay(p.stageDays[stage], asOf);
      if (day) days[stage] = day;
    }
    const { id, code, structureId, type, lengthM, designDepthM } = p;
    return { id, code, structureId, type, lengthM, designDepthM, days };
  });
}

/** Whether another panel of the structure (retired ones too) already uses this code. */
export async function panelCodeTaken(
  db: Knex,
  structureId: string,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const query = db('panels')
    .where({ structure_id: structureId })
    .whereNull('deleted_at')
    .whereRaw('lower(code) = lower(?)', [code]);
  if (exceptId) query.whereNot({ id: exceptId });
  return Boolean(await query.first('id'));
}

/** How many live panels a structure has, and the highest sequence among all of them. */
export async function structurePanelCount(
  db: Knex,
  structureId: string,
): Promise<{ live: number; lastSequence: number }> {
  const row = await db('panels')
    .where({ structure_id: structureId })
    .whereNull('deleted_at')
    .select(
      db.raw('sum(case when retired_at is null then 1 else 0 end) as live'),
      db.raw('max(sequence) as last'),
    )
    .first();
  return { live: Number(row?.live ?? 0), lastSequence: Number(row?.last ?? 0) };
}

/** A panel as stored, any state but deleted (design corrections read the old values here). */
export async function findPanelRow(
  db: Knex,
  panelId: string,
): Promise<Record<string, string | number | null> | null> {
  return (await db('panels').where({ id: panelId }).whereNull('deleted_at').first()) ?? null;
}

/** A panel's design corrections, oldest first. */
export async function panelChanges(db: Knex, panelId: string): Promise<PanelDesignChange[]> {
  const rows = await db('panel_changes')
    .where({ panel_id: panelId })
    .whereNull('deleted_at')
    .orderBy(['changed_at', 'id']);
  return rows.map((r: Record<string, string | null>) => ({
    id: r.id!,
    changes: parseJsonCell<Record<string, [unknown, unknown]>>(r.changes, {}),
    changedBy: r.changed_by!,
    changedByName: r.changed_by_name!,
    changedAt: r.changed_at!,
    reason: r.reason ?? null,
  }));
}

/** Design field → column: the one mapping every panel write (register, hand, layout, file) uses. */
export const DESIGN_COLUMNS = {
  code: 'code',
  type: 'type',
  sequence: 'sequence',
  lengthM: 'length_m',
  thicknessM: 'thickness_m',
  designDepthM: 'design_depth_m',
  topLevelM: 'top_level_m',
  toeLevelM: 'toe_level_m',
  cageWeightT: 'cage_weight_t',
  jointType: 'joint_type',
} as const;
export type DesignField = keyof typeof DESIGN_COLUMNS;

type Design = Omit<Pick<Panel, DesignField>, 'sequence'> & { sequence?: number | null };

/** A panel's design as columns, its volume derived from its size; the sequence when it has one. */
export function designColumns(d: Design): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  for (const [field, column] of Object.entries(DESIGN_COLUMNS) as [DesignField, string][]) {
    const value = d[field];
    if (field === 'sequence' && (value === null || value === undefined)) continue;
    columns[column] = value ?? null;
  }
  columns.theoretical_volume_m3 = theoreticalVolume(d);
  return columns;
}

/** A new panel as the row the writer inserts. */
export function panelRow(p: {
  id: string;
  projectId: string;
  structureId: string;
  design: Pick<Panel, DesignField>;
  position: Panel['position'];
  retiredAt: string | null;
}): Record<string, string | number | null> & { id: string } {
  return {
    id: p.id,
    project_id: p.projectId,
    structure_id: p.structureId,
    ...designColumns(p.design),
    retired_at: p.retiredAt,
    wall_line: p.position?.line ?? null,
    from_m: p.position?.fromM ?? null,
    to_m: p.position?.toM ?? null,
    corner_at_m: p.position?.cornerAtM ?? null,
  };
}

/**
 * Writes a new panel under the id its structure and code give it, so two laptops that add the
 * same panel offline make one; a removed panel of the same code is brought back. Returns its id.
 */
export async function writeNewPanel(
  w: SyncedWriter,
  p: Omit<Parameters<typeof panelRow>[0], 'id'>,
): Promise<string> {
  const {
    id: _,
    project_id: __,
    structure_id: ___,
    code: ____,
    ...values
  } = panelRow({
    ...p,
    id: '',
  });
  const key = { project_id: p.projectId, structure_id: p.structureId, code: p.design.code };
  return w.upsert('panels', key, values);
}
