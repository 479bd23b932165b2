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
