// Milestones and structure plans from the planners' P6 or Microsoft Project schedule. The preview
// shows what the file holds and what a commit would change; the commit adds the milestones the
// planner picked, and updates by activity code every milestone and structure plan imported before
// (names the planner has not edited, due dates with their history; the baseline is kept). Nothing
// else of the schedule is touched, and the whole commit is one write: all or nothing.
import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { naturalId } from '../../domain/natural-keys';
import {
  activityBaseline,
  activityDue,
  activityKinds,
  activityPlan,
  wbsLabel,
  type ParsedSchedule,
  type ScheduleActivity,
} from '../../domain/schedule-import';
import type { PanelStage } from '../../domain/stages';
import {
  importedMilestones,
  milestoneIdUsed,
  type MilestoneRow,
} from '../../../db/repositories/milestone-repository';
import {
  structurePlanSources,
  type StructurePlanSource,
} from '../../../db/repositories/structure-repository';
import type { SyncedWriter } from '../../../db/repositories/synced-writer';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import { scopeColumns, type MilestoneScope } from '../schedule/milestone-service';
import type {
  ImportChange,
  PreviewActivity,
  ScheduleImportResult,
  SchedulePreview,
} from './contract';

/** An imported milestone's id: the same on every laptop that imports the same activity. */
export const importedMilestoneId = (projectId: string, code: string): string =>
  naturalId(projectId, 'milestones', [code]);

function changeOf(row: MilestoneRow, a: ScheduleActivity): ImportChange {
  const due = activityDue(a);
  return (due !== null && due !== row.due_date) || a.name !== row.source_name ? 'update' : 'same';
}

export async function previewSchedule(
  db: Knex,
  projectId: string,
  fileName: string,
  schedule: ParsedSchedule,
): Promise<SchedulePreview> {
  await getProject(db, projectId);
  const [imported, structures] = await Promise.all([
    importedMilestones(db, projectId),
    structurePlanSources(db, projectId),
  ]);
  const activities: PreviewActivity[] = schedule.activities.map((a) => {
    const row = imported.get(a.code);
    return {
      ...a,
      milestoneId: row?.id ?? null,
      change: row ? changeOf(row, a) : null,
      milestoneDue: row?.due_date ?? null,
      due: activityDue(a),
      baseline: activityBaseline(a),
      planFor: structures.filter((s) => s.planSourceCode === a.code).map((s) => s.id),
    };
  });
  return {
    fileName,
    format: schedule.format,
    encoding: schedule.encoding,
    projects: schedule.projects,
    activities,
    milestoneCount: activities.filter((a) => a.milestone).length,
    kinds: activityKinds(activities),
  };
}

export interface ScheduleImport {
  projectId: string;
  fileName: string;
  milestones: { code: string; scope: MilestoneScope | null; stage?: PanelStage | null }[];
  plans: { structureId: string; code: string }[];
}

interface Checked {
  picks: { activity: ScheduleActivity; columns: Record<string, string | null> }[];
  plans: { structure: StructurePlanSource; activity: ScheduleActivity }[];
}

/** Every pick checked against the file and the project; every problem listed by path. */
async function check(
  db: Knex,
  input: ScheduleImport,
  byCode: Map<string, ScheduleActivity>,
  structures: StructurePlanSource[],
): Promise<Checked> {
  const issues: { path: string; message: string }[] = [];
  const picks: Checked['picks'] = [];
  const plans: Checked['plans'] = [];
  for (const [i, pick] of input.milestones.entries()) {
    const activity = byCode.get(pick.code);
    if (!activity) issues.push({ path: `milestones.${i}.code`, message: 'not in the file' });
    else if (!activityDue(activity))
      issues.push({ path: `milestones.${i}.code`, message: `${pick.code} has no date` });
    else
      try {
        const scope = await scopeColumns(db, input.projectId, pick.scope);
        picks.push({ activity, columns: { ...scope, scope_stage: pick.stage ?? null } });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'input.invalid') throw error;
        issues.push({ path: `milestones.${i}.scope`, message: 'names nothing in the project' });
      }
  }
  const structureById = new Map(structures.map((s) => [s.id, s]));
  for (const [i, plan] of input.plans.entries()) {
    const structure = structureById.get(plan.structureId);
    const activity = byCode.get(plan.code);
    if (!structure) issues.push({ path: `plans.${i}.structureId`, message: 'no such structure' });
    const dates = activity ? activityPlan(activity) : null;
    if (!activity) issues.push({ path: `plans.${i}.code`, message: 'not in the file' });
    else if (!dates?.start || !dates.finish || dates.start > dates.finish)
      issues.push({ path: `plans.${i}.code`, message: `${plan.code} has no start and finish` });
    else if (structure) plans.push({ structure, activity });
  }
  if (issues.length) throw new AppError('input.invalid', { issues });
  return { picks, plans };
}

async function updateImported(
  w: SyncedWriter,
  store: Store,
  row: MilestoneRow,
  activity: ScheduleActivity,
  reason: string,
): Promise<boolean> {
  const changes: Record<string, string> = {};
  if (activity.name !== row.source_name) {
    // A name the planner edited by hand stays; one still as last imported follows the file.
    if (row.name_zh === row.source_name) changes.name_zh = activity.name;
    if (row.name_en === row.source_name) changes.name_en = activity.name;
    changes.source_name = activity.name;
  }
  const wbs = wbsLabel(activity.wbsPath);
  if (wbs !== row.source_wbs) changes.source_wbs = wbs;
  const due = activityDue(activity);
  if (due && due !== row.due_date) {
    changes.due_date = due;
    await w.insert('milestone_changes', {
      id: newId(),
      project_id: row.project_id,
      milestone_id: row.id,
      from_date: row.due_date,
      to_date: due,
      changed_by: store.identity.userId,
      changed_by_name: store.identity.userName,
      changed_at: w.at,
      reason,
    });
  }
  if (!Object.keys(changes).length) return false;
  await w.update('milestones', row.id, changes);
  return true;
}

function planChanges(structure: StructurePlanSource, activity: ScheduleActivity) {
  const { start, finish } = activityPlan(activity);
  if (!start || !finish || start > finish) return null;
  const changes: Record<string, string | null> = {};
  if (start !== structure.plannedStart) changes.planned_start = start;
  if (finish !== structure.plannedFinish) changes.planned_finish = finish;
  if (activity.code !== structure.planSourceCode) changes.plan_source_code = activity.code;
  return changes;
}

export async function commitSchedule(
  store: Store,
  input: ScheduleImport,
  schedule: ParsedSchedule,
): Promise<ScheduleImportResult> {
  await getProject(store.db, input.projectId);
  const byCode = new Map(schedule.activities.map((a) => [a.code, a]));
  const [imported, structures] = await Promise.all([
    importedMilestones(store.db, input.projectId),
    structurePlanSources(store.db, input.projectId),
  ]);
  const { picks, plans } = await check(store.db, input, byCode, structures);
  const reason = `${schedule.format === 'xer' ? 'P6' : 'Microsoft Project'}: ${input.fileName}`;
  const result: ScheduleImportResult = { added: 0, updated: 0, unchanged: 0, plansSet: 0 };
  await store.write(async (w) => {
    for (const [code, row] of imported) {
      const activity = byCode.get(code);
      if (!activity) continue;
      if (await updateImported(w, store, row, activity, reason)) result.updated += 1;
      else result.unchanged += 1;
    }
    for (const { activity, columns } of picks) {
      if (imported.has(activity.code)) {
        await w.update('milestones', imported.get(activity.code)!.id, columns);
        continue;
      }
      const id = importedMilestoneId(input.projectId, activity.code);
      const row = {
        project_id: input.projectId,
        name_zh: activity.name,
        name_en: activity.name,
        due_date: activityDue(activity)!,
        baseline_date: activityBaseline(activity)!,
        actual_date: null,
        source_code: activity.code,
        source_name: activity.name,
        source_wbs: wbsLabel(activity.wbsPath),
        deleted_at: null,
        ...columns,
      };
      // A milestone deleted after an earlier import comes back under its id.
      if (await milestoneIdUsed(w.trx, id)) await w.update('milestones', id, row);
      else await w.insert('milestones', { id, ...row });
      result.added += 1;
    }
    const planned = new Map(plans.map((p) => [p.structure.id, p.activity]));
    for (const s of structures)
      if (!planned.has(s.id) && s.planSourceCode && byCode.has(s.planSourceCode))
        planned.set(s.id, byCode.get(s.planSourceCode)!);
    for (const [structureId, activity] of planned) {
      const changes = planChanges(
        structures.find((s) => s.id === structureId)!,
        activity,
      );
      if (!changes || !Object.keys(changes).length) continue;
      await w.update('structures', structureId, changes);
      result.plansSet += 1;
    }
  });
  return result;
}
