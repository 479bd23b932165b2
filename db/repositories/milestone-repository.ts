// Milestones and the history of their due dates.
import type { Knex } from 'knex';
import { keptUntilChange } from './panel-facts';
import type { DueDateChange } from '../../main/domain/project';

export interface MilestoneRow {
  id: string;
  project_id: string;
  name_zh: string;
  name_en: string;
  due_date: string;
  baseline_date: string;
  scope_structure_id: string | null;
  scope_panel_ids: string | null;
  scope_stage: string | null;
  source_code: string | null;
  source_name: string | null;
  source_wbs: string | null;
}

/** The project's live milestones, kept until the database changes (not to be mutated). */
export async function milestoneRows(db: Knex, projectId: string): Promise<MilestoneRow[]> {
  return keptUntilChange(db, `milestones:${projectId}`, () =>
    db<MilestoneRow>('milestones')
      .where({ project_id: projectId })
      .whereNull('deleted_at')
      .orderBy(['due_date', 'id']),
  );
}

export async function findMilestoneDue(
  db: Knex,
  milestoneId: string,
): Promise<{ projectId: string; dueDate: string } | null> {
  const row = await db('milestones')
    .where({ id: milestoneId })
    .whereNull('deleted_at')
    .first('project_id', 'due_date');
  return row ? { projectId: row.project_id as string, dueDate: row.due_date as string } : null;
}

/** Every due-date change of the project's milestones, oldest first, kept until the database
 * changes (not to be mutated). */
export async function listDueDateChanges(db: Knex, projectId: string): Promise<DueDateChange[]> {
  return keptUntilChange(db, `due-date-changes:${projectId}`, () =>
    readDueDateChanges(db, projectId),
  );
}

async function readDueDateChanges(db: Knex, projectId: string): Promise<DueDateChange[]> {
  const rows: Record<string, string | null>[] = await db('milestone_changes')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy(['changed_at', 'id']);
  return rows.map((r) => ({
    id: r.id!,
    milestoneId: r.milestone_id!,
    fromDate: r.from_date!,
    toDate: r.to_date!,
    changedBy: r.changed_by!,
    changedByName: r.changed_by_name!,
    changedAt: r.changed_at!,
    reason: r.reason ?? null,
  }));
}

/** The project's milestones imported from a schedule, by activity code. */
export async function importedMilestones(
  db: Knex,
  projectId: string,
): Promise<Map<string, MilestoneRow>> {
  const rows = await db<MilestoneRow>('milestones')
    .where({ project_id: projectId })
    .whereNotNull('source_code')
    .whereNull('deleted_at');
  return new Map(rows.map((r) => [r.source_code!, r]));
}

/** Whether a row with this id exists, live or deleted (a deleted one is brought back, not added). */
export async function milestoneIdUsed(db: Knex, milestoneId: string): Promise<boolean> {
  return Boolean(await db('milestones').where({ id: milestoneId }).first('id'));
}

/** Whether a milestone's due date was ever moved (such a milestone is kept, not deleted). */
export async function milestoneHasHistory(db: Knex, milestoneId: string): Promise<boolean> {
  return Boolean(
    await db('milestone_changes')
      .where({ milestone_id: milestoneId })
      .whereNull('deleted_at')
      .first('id'),
  );
}
