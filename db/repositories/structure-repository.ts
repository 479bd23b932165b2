// A structure's plan and the progress of its walls.
import type { Knex } from 'knex';

export interface StructurePlanRow {
  projectId: string;
  plannedStart: string | null;
  plannedFinish: string | null;
}

export async function findStructurePlan(
  db: Knex,
  structureId: string,
): Promise<StructurePlanRow | null> {
  const row = await db('structures')
    .where({ id: structureId })
    .whereNull('deleted_at')
    .first('project_id', 'planned_start', 'planned_finish');
  if (!row) return null;
  return {
    projectId: row.project_id as string,
    plannedStart: (row.planned_start as string | null) ?? null,
    plannedFinish: (row.planned_finish as string | null) ?? null,
  };
}

export interface StructurePlanSource {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  plannedStart: string | null;
  plannedFinish: string | null;
  /** The schedule activity its plan was imported from. */
  planSourceCode: string | null;
}

/** The project's live structures with their plans and where each plan came from. */
export async function structurePlanSources(
  db: Knex,
  projectId: string,
): Promise<StructurePlanSource[]> {
  const rows: Record<string, string | null>[] = await db('structures')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .whereNull('retired_at')
    .orderBy(['sort_order', 'code'])
    .select(
      'id',
      'code',
      'name_zh',
      'name_en',
      'planned_start',
      'planned_finish',
      'plan_source_code',
    );
  return rows.map((r) => ({
    id: r.id!,
    code: r.code!,
    nameZh: r.name_zh!,
    nameEn: r.name_en!,
    plannedStart: r.planned_start ?? null,
    plannedFinish: r.planned_finish ?? null,
    planSourceCode: r.plan_source_code ?? null,
  }));
}

/** How many live panels a structure has, and the day each concreted one was concreted. */
export async function structureProgress(
  db: Knex,
  structureId: string,
): Promise<{ total: number; concretedOn: string[] }> {
  const [total, finished] = await Promise.all([
    db('panels')
      .where({ structure_id: structureId })
      .whereNull('deleted_at')
      .whereNull('retired_at')
      .count<{ n: number }[]>({ n: '*' })
      .first(),
    db('panel_stage_events as e')
      .join('panels as p', 'p.id', 'e.panel_id')
      .where({ 'p.structure_id': structureId, 'e.stage': 'concreting' })
      .whereNull('e.deleted_at')
      .whereNull('p.deleted_at')
      .whereNull('p.retired_at')
      .groupBy('e.panel_id')
      .select(db.raw('max(e.site_day) as day')),
  ]);
  return {
    total: Number(total?.n ?? 0),
    concretedOn: (finished as { day: string }[]).map((r) => r.day),
  };
}

export interface StructureRow {
  id: string;
  projectId: string;
  code: string;
  kind: string;
  outline: string | null;
  retiredAt: string | null;
}

export async function findStructure(db: Knex, structureId: string): Promise<StructureRow | null> {
  const row = await db('structures')
    .where({ id: structureId })
    .whereNull('deleted_at')
    .first('id', 'project_id', 'code', 'kind', 'outline', 'retired_at');
  if (!row) return null;
  return {
    id: row.id as string,
    projectId: row.project_id as string,
    code: row.code as string,
    kind: row.kind as string,
    outline: (row.outline as string | null) ?? null,
    retiredAt: (row.retired_at as string | null) ?? null,
  };
}

/** Whether another live structure of the project already uses this code. */
export async function structureCodeTaken(
  db: Knex,
  projectId: string,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const query = db('structures')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .whereRaw('lower(code) = lower(?)', [code]);
  if (exceptId) query.whereNot({ id: exceptId });
  return Boolean(await query.first('id'));
}

/** The next sort position after the project's structures. */
export async function nextStructureOrder(db: Knex, projectId: string): Promise<number> {
  const row = await db('structures')
    .where({ project_id: projectId })
    .max({ m: 'sort_order' })
    .first();
  return Number(row?.m ?? 0) + 1;
}
