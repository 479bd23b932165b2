import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { scopeProgress } from '../../domain/milestones';
import type { MilestoneView } from '../../domain/project';
import { panelStageDays } from '../../../db/repositories/panel-repository';
import { PANEL_STAGES, type PanelStage } from '../../domain/stages';
import { findStructure } from '../../../db/repositories/structure-repository';
import {
  findMilestoneDue,
  milestoneHasHistory,
  milestoneRows,
  type MilestoneRow,
} from '../../../db/repositories/milestone-repository';

import type { Store } from '../../sync/store';

function scopePanelIds(row: MilestoneRow): string[] | null {
  if (!row.scope_panel_ids) return null;
  try {
    const ids: unknown = JSON.parse(row.scope_panel_ids);
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/** A panel and the day it reached each stage. */
export interface PanelDays {
  id: string;
  structureId: string;
  days: Partial<Record<PanelStage, string>>;
}

/** Far enough ahead that every recorded stage counts. */
const EVER = '9999-12-31';

/**
 * Milestones with scope progress; the actual date is derived when the scope's last panel reaches
 * the milestone's stage (concreting unless it names another). Retired panels are not in any scope.
 */
export async function listMilestones(
  db: Knex,
  projectId: string,
  /** The project's live panels with their stage days, when the caller has them already. */
  known?: PanelDays[],
): Promise<MilestoneView[]> {
  const rows = await milestoneRows(db, projectId);
  const panels = known ?? (await panelStageDays(db, projectId, PANEL_STAGES, EVER));
  const byId = new Map(panels.map((p) => [p.id, p]));
  const byStructure = new Map<string, string[]>();
  for (const p of panels) {
    const list = byStructure.get(p.structureId) ?? [];
    list.push(p.id);
    byStructure.set(p.structureId, list);
  }
  return rows.map((row) => {
    const stage = (row.scope_stage as PanelStage | null) ?? null;
    const scope = (
      scopePanelIds(row) ??
      (row.scope_structure_id ? (byStructure.get(row.scope_structure_id) ?? []) : [])
    ).filter((id) => byId.has(id));
    const s = scopeProgress(scope.map((id) => byId.get(id)!.days[stage ?? 'concreting'] ?? null));
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
      scopeStage: stage,
      scopeTotal: s.total,
      scopeFinished: s.finished,
      scoped: Boolean(row.scope_structure_id || row.scope_panel_ids),
      sourceCode: row.source_code,
      sourceWbs: row.source_wbs,
    };
  });
}

/**
 * Moves a due date. The baseline stays as first planned, and the change is kept as a synced
 * row with who, when and why, so every laptop sees the history.
 */
export async function setMilestoneDue(
  store: Store,
  input: { milestoneId: string; dueDate: string; reason?: string | null | undefined },
): Promise<MilestoneView> {
  const row = await findMilestoneDue(store.db, input.milestoneId);
  if (!row) throw new AppError('not_found', { entity: 'milestone', id: input.milestoneId });
  if (row.dueDate !== input.dueDate) {
    await store.write(async (w) => {
      await w.update('milestones', input.milestoneId, { due_date: input.dueDate });
      await w.insert('milestone_changes', {
        id: newId(),
        project_id: row.projectId,
        milestone_id: input.milestoneId,
        from_date: row.dueDate,
        to_date: input.dueDate,
        changed_by: store.identity.userId,
        changed_by_name: store.identity.userName,
        changed_at: w.at,
        reason: input.reason?.trim() || null,
      });
    });
  }
  return (await listMilestones(store.db, row.projectId)).find((m) => m.id === input.milestoneId)!;
}

export interface MilestoneScope {
  structureId?: string | undefined;
  panelIds?: string[] | undefined;
}

/**
 * The scope's columns, once it is known to name live things of the project; null (only for a
 * milestone from a schedule) leaves it without a scope, shown but not forecast.
 */
export async function scopeColumns(db: Knex, projectId: string, scope: MilestoneScope | null) {
  if (scope === null) return { scope_structure_id: null, scope_panel_ids: null };
  const panels = await panelStageDays(db, projectId, [], EVER);
  if (scope.structureId) {
    const structure = await findStructure(db, scope.structureId);
    if (!structure || structure.projectId !== projectId || structure.retiredAt)
      throw new AppError('input.invalid', {
        issues: [{ path: 'scope.structureId', message: 'no such structure in the project' }],
      });
    return { scope_structure_id: structure.id, scope_panel_ids: null };
  }
  const live = new Set(panels.map((p) => p.id));
  const unknown = (scope.panelIds ?? []).filter((id) => !live.has(id));
  if (unknown.length || !scope.panelIds?.length)
    throw new AppError('input.invalid', {
      issues: [
        {
          path: 'scope.panelIds',
          message: `${unknown.length || 'no'} panel(s) not in the project`,
        },
      ],
    });
  return {
    scope_structure_id: null,
    scope_panel_ids: JSON.stringify([...new Set(scope.panelIds)]),
  };
}

const viewOf = async (db: Knex, projectId: string, milestoneId: string) =>
  (await listMilestones(db, projectId)).find((m) => m.id === milestoneId)!;

/** A new milestone: its baseline is its first due date, kept when the due date moves. */
export async function createMilestone(
  store: Store,
  input: {
    projectId: string;
    nameZh: string;
    nameEn: string;
    dueDate: string;
    scope: MilestoneScope;
    stage?: PanelStage | null | undefined;
  },
): Promise<MilestoneView> {
  const columns = await scopeColumns(store.db, input.projectId, input.scope);
  const id = newId();
  await store.write((w) =>
    w.insert('milestones', {
      id,
      project_id: input.projectId,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      due_date: input.dueDate,
      baseline_date: input.dueDate,
      actual_date: null,
      scope_stage: input.stage ?? null,
      ...columns,
    }),
  );
  return viewOf(store.db, input.projectId, id);
}

export async function updateMilestone(
  store: Store,
  input: {
    milestoneId: string;
    nameZh?: string | undefined;
    nameEn?: string | undefined;
    scope?: MilestoneScope | null | undefined;
    stage?: PanelStage | null | undefined;
  },
): Promise<MilestoneView> {
  const row = await findMilestoneDue(store.db, input.milestoneId);
  if (!row) throw new AppError('not_found', { entity: 'milestone', id: input.milestoneId });
  const columns: Record<string, string | null> = {
    ...(input.scope !== undefined ? await scopeColumns(store.db, row.projectId, input.scope) : {}),
  };
  if (input.nameZh !== undefined) columns.name_zh = input.nameZh;
  if (input.nameEn !== undefined) columns.name_en = input.nameEn;
  if (input.stage !== undefined) columns.scope_stage = input.stage;
  await store.write((w) => w.update('milestones', input.milestoneId, columns));
  return viewOf(store.db, row.projectId, input.milestoneId);
}

/** Deletes a milestone made by mistake; one whose due date has moved keeps its history. */
export async function deleteMilestone(
  store: Store,
  milestoneId: string,
): Promise<{ deleted: true }> {
  const row = await findMilestoneDue(store.db, milestoneId);
  if (!row) throw new AppError('not_found', { entity: 'milestone', id: milestoneId });
  if (await milestoneHasHistory(store.db, milestoneId)) {
    const view = await viewOf(store.db, row.projectId, milestoneId);
    throw new AppError('setup.has_history', { entity: 'milestone', name: view.nameZh });
  }
  await store.write((w) => w.tombstone('milestones', milestoneId));
  return { deleted: true };
}
