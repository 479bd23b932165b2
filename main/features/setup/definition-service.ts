// A project's set-up as a definition file, and a new project from one (new ids, all or nothing).
import { listMachines } from '../../../db/repositories/machine-repository';
import type { Machine } from '../../domain/machines';
import type { Knex } from 'knex';
import { listTeams } from '../../../db/repositories/crew-repository';
import { milestoneRows } from '../../../db/repositories/milestone-repository';
import { listPanels, panelRow } from '../../../db/repositories/panel-repository';
import { projectCodeTaken } from '../../../db/repositories/project-repository';
import { ACTIVE_PROJECT_KEY, setSettings } from '../../../db/repositories/settings-repository';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { naturalId } from '../../domain/natural-keys';
import {
  DEFINITION_FORMAT,
  DEFINITION_VERSION,
  projectDefinitionSchema,
  type ProjectDefinition,
} from '../../domain/project-definition';
import type { Project } from '../../domain/project';
import { parseOrThrow, issue } from '../../domain/validation';
import type { SyncedWriter } from '../../../db/repositories/synced-writer';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import { parseJsonCell } from '../../domain/sync-check';

const machineEntry = (m: Machine): ProjectDefinition['machines'][number] => ({
  code: m.code,
  kind: m.kind,
  makeModel: m.makeModel,
  onSite: m.onSite,
  retired: m.retiredAt !== null,
});

export async function exportDefinition(db: Knex, projectId?: string): Promise<ProjectDefinition> {
  const project = await getProject(db, projectId);
  const [teams, machines, panels, milestones] = await Promise.all([
    listTeams(db, project.id),
    listMachines(db, project.id),
    listPanels(db, { projectId: project.id, withRetired: true }),
    milestoneRows(db, project.id),
  ]);
  const structureCode = new Map(project.structures.map((s) => [s.id, s.code]));
  const panelRef = new Map(
    panels.map((p) => [p.id, { structure: structureCode.get(p.structureId)!, panel: p.code }]),
  );
  return {
    format: DEFINITION_FORMAT,
    version: DEFINITION_VERSION,
    project: {
      code: project.code,
      nameZh: project.nameZh,
      nameEn: project.nameEn,
      timezone: project.timezone,
      ownerName: project.ownerName,
      contractorName: project.contractorName,
      settings: { ...project.settings, demoToday: null },
      calendar: project.calendar,
    },
    teams: teams.map((t) => ({
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      retired: t.retiredAt !== null,
    })),
    machines: machines.map(machineEntry),
    structures: project.structures.map((s) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      kind: s.kind,
      outline: s.outline,
      plannedStart: s.plannedStart,
      plannedFinish: s.plannedFinish,
      retired: s.retiredAt !== null,
      panels: panels
        .filter((p) => p.structureId === s.id)
        .sort((a, b) => a.sequence - b.sequence)
        .map((p) => ({
          code: p.code,
          type: p.type,
          sequence: p.sequence,
          lengthM: p.lengthM,
          thicknessM: p.thicknessM,
          designDepthM: p.designDepthM,
          topLevelM: p.topLevelM,
          toeLevelM: p.toeLevelM,
          cageWeightT: p.cageWeightT,
          jointType: p.jointType,
          retired: p.retiredAt !== null,
          position: p.position,
        })),
    })),
    milestones: milestones.map((m) => {
      const ids = parseJsonCell<unknown>(m.scope_panel_ids, null);
      const refs = Array.isArray(ids) ? ids.flatMap((id) => panelRef.get(String(id)) ?? []) : [];
      return {
        nameZh: m.name_zh,
        nameEn: m.name_en,
        dueDate: m.due_date,
        baselineDate: m.baseline_date,
        scope: m.scope_structure_id
          ? { structure: structureCode.get(m.scope_structure_id) ?? '' }
          : { panels: refs },
        stage: (m.scope_stage as ProjectDefinition['milestones'][number]['stage']) ?? null,
      };
    }),
  };
}

/** Creates a project from a definition: every problem is listed by path, and nothing is written. */
export async function createFromDefinition(store: Store, file: unknown): Promise<Project> {
  const def = parseOrThrow(projectDefinitionSchema, file);
  if (await projectCodeTaken(store.db, def.project.code))
    throw new AppError('setup.code_taken', {
      code: def.project.code,
      issues: [issue('project.code', 'issues.inUse', 'in use')],
    });
  const projectId = newId();
  await store.write(async (w) => {
    const p = def.project;
    await w.insert('projects', {
      id: projectId,
      code: p.code,
      name_zh: p.nameZh,
      name_en: p.nameEn,
      timezone: p.timezone,
      is_demo: 0,
      owner_name: p.ownerName,
      contractor_name: p.contractorName,
      settings: JSON.stringify(p.settings),
      calendar: JSON.stringify(p.calendar),
    });
    for (const [i, t] of def.teams.entries())
      await w.insert('teams', {
        id: newId(),
        project_id: projectId,
        code: t.code,
        name_zh: t.nameZh,
        name_en: t.nameEn,
        sort_order: i + 1,
        retired_at: t.retired ? w.at : null,
      });
    for (const [i, m] of def.machines.entries())
      await w.insert('machines', {
        id: newId(),
        project_id: projectId,
        code: m.code,
        kind: m.kind,
        make_model: m.makeModel,
        on_site: m.onSite ? 1 : 0,
        sort_order: i + 1,
        retired_at: m.retired ? w.at : null,
      });
    const panelIds = await insertStructures(w, projectId, def.structures);
    await insertMilestones(w, projectId, def.milestones, panelIds);
    await setSettings(w.trx, { [ACTIVE_PROJECT_KEY]: projectId });
  });
  return getProject(store.db, projectId);
}

/** Writes the structures and their panels; returns structure code → (id, panel code → id). */
async function insertStructures(
  w: SyncedWriter,
  projectId: string,
  structures: ProjectDefinition['structures'],
) {
  const ids = new Map<string, { id: string; panels: Map<string, string> }>();
  for (const [i, s] of structures.entries()) {
    const id = newId();
    const panels = new Map<string, string>();
    ids.set(s.code, { id, panels });
    await w.insert('structures', {
      id,
      project_id: projectId,
      code: s.code,
      name_zh: s.nameZh,
      name_en: s.nameEn,
      kind: s.kind,
      outline: s.outline ? JSON.stringify(s.outline) : null,
      planned_start: s.plannedStart,
      planned_finish: s.plannedFinish,
      sort_order: i + 1,
      retired_at: s.retired ? w.at : null,
    });
    for (const p of s.panels) {
      // A new structure: its panels' natural ids are free.
      const panelId = naturalId(projectId, 'panels', [id, p.code]);
      panels.set(p.code, panelId);
      await w.insert(
        'panels',
        panelRow({
          id: panelId,
          projectId,
          structureId: id,
          design: p,
          position: p.position,
          retiredAt: p.retired ? w.at : null,
        }),
      );
    }
  }
  return ids;
}

async function insertMilestones(
  w: SyncedWriter,
  projectId: string,
  milestones: ProjectDefinition['milestones'],
  structures: Map<string, { id: string; panels: Map<string, string> }>,
) {
  for (const m of milestones) {
    const scope =
      'structure' in m.scope
        ? { scope_structure_id: structures.get(m.scope.structure)!.id, scope_panel_ids: null }
        : {
            scope_structure_id: null,
            scope_panel_ids: JSON.stringify(
              m.scope.panels.map((r) => structures.get(r.structure)!.panels.get(r.panel)!),
            ),
          };
    await w.insert('milestones', {
      id: newId(),
      project_id: projectId,
      name_zh: m.nameZh,
      name_en: m.nameEn,
      due_date: m.dueDate,
      baseline_date: m.baselineDate,
      actual_date: null,
      scope_stage: m.stage,
      ...scope,
    });
  }
}
