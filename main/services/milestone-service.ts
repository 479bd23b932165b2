import type { Knex } from 'knex';
import { AppError } from '../domain/errors';
import { newId } from '../domain/ids';
import { scopeProgress } from '../domain/milestones';
import type { DueDateChange, MilestoneView } from '../domain/project';
import { panelProgress } from '../../db/repositories/stage-event-repository';
import type { Store } from './store';

interface MilestoneRow {
  id: string;
  project_id: string;
  name_zh: string;
  name_en: string;
  due_date: string;
  baseline_date: string;
  scope_structure_id: string | null;
  scope_panel_ids: string | null;
}

function scopePanelIds(row: MilestoneRow): string[] | null {
  if (!row.scope_panel_ids) return null;
  try {
    const ids: unknown = JSON.parse(row.scope_panel_ids);
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/** Milestones with scope progress; the actual date is derived when the scope's last panel finishes. */
export async function listMilestones(
  db: Knex,
  projectId: string,
  /** The project's panels with their finished day, when the caller has them already. */
  known?: { id: string; structureId: string; finishedOn: string | null }[],
): Promise<MilestoneView[]> {
  const rows = await db<MilestoneRow>('milestones')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy(['due_date', 'id']);
  let panels: { id: string; structure_id: string }[];
  let finishedOn: (id: string) => string | null;
  if (known) {
    panels = known.map((p) => ({ id: p.id, structure_id: p.structureId }));
    const byId = new Map(known.map((p) => [p.id, p.finishedOn]));
    finishedOn = (id) => byId.get(id) ?? null;
  } else {
    const [all, progress] = await Promise.all([
      db('panels')
        .where({ project_id: projectId })
        .whereNull('deleted_at')
        .select('id', 'structure_id'),
      panelProgress(db, projectId),
    ]);
    panels = all;
    finishedOn = (id) => progress.get(id)?.finishedOn ?? null;
  }
  const byStructure = new Map<string, string[]>();
  for (const p of panels as { id: string; structure_id: string }[]) {
    const list = byStructure.get(p.structure_id) ?? [];
    list.push(p.id);
    byStructure.set(p.structure_id, list);
  }
  return rows.map((row) => {
    const scope =
      scopePanelIds(row) ??
      (row.scope_structure_id ? (byStructure.get(row.scope_structure_id) ?? []) : []);
    const s = scopeProgress(scope.map(finishedOn));
    return {
      scopePanelIds: scope,
      id: row.id,
      projectId: row.project_id,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      dueDate: row.due_date,
      baselineDate: row.baseline_date,
      actualDate: s.actualDate,
      scopeStructureId: row.scope_structure_id,
      scopeTotal: s.total,
      scopeFinished: s.finished,
    };
  });
}

/** Every due-date change of the project's milestones, oldest first. */
export async function listDueDateChanges(db: Knex, projectId: string): Promise<DueDateChange[]> {
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

/**
 * Moves a due date. The baseline stays as first planned, and the change is kept as a synced
 * row with who, when and why, so every laptop sees the history.
 */
export async function setMilestoneDue(
  store: Store,
  input: { milestoneId: string; dueDate: string; reason?: string | null | undefined },
): Promise<MilestoneView> {
  const row = await store
    .db('milestones')
    .where({ id: input.milestoneId })
    .whereNull('deleted_at')
    .first('project_id', 'due_date');
  if (!row) throw new AppError('not_found', { entity: 'milestone', id: input.milestoneId });
  if (row.due_date !== input.dueDate) {
    await store.write(async (w) => {
      await w.update('milestones', input.milestoneId, { due_date: input.dueDate });
      await w.insert('milestone_changes', {
        id: newId(),
        project_id: row.project_id as string,
        milestone_id: input.milestoneId,
        from_date: row.due_date as string,
        to_date: input.dueDate,
        changed_by: store.identity.userId,
        changed_by_name: store.identity.userName,
        changed_at: w.at,
        reason: input.reason?.trim() || null,
      });
    });
  }
  return (await listMilestones(store.db, row.project_id as string)).find(
    (m) => m.id === input.milestoneId,
  )!;
}
