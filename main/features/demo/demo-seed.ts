// Seeds the illustrative Haimen working shaft so a new user sees something real at once.
import type { Knex } from 'knex';
import { z } from 'zod';
import { newId } from '../../domain/ids';
import { theoreticalVolume, JOINT_TYPES, type PanelType } from '../../domain/panel';
import { outlineSchema } from '../../domain/project';
import { siteDaySchema } from '../../domain/dates';
import { workingCalendarSchema } from '../../domain/schedule';
import { demoProgressRows } from './demo-progress';
import { demoMachines, demoMachineShifts, demoMaterials } from './demo-resources';
import { MACHINE_KINDS } from '../../domain/machines';
import { insertRows, type Row } from '../../../db/repositories/write';
import scenarioJson from '../../../resources/demo/haimen-shaft.json';

const named = { nameZh: z.string(), nameEn: z.string() };
const scenarioSchema = z.object({
  project: z.object({ code: z.string(), timezone: z.string(), ...named }),
  structure: z.object({
    code: z.string(),
    kind: z.enum(['shaft', 'cut_and_cover']),
    outline: outlineSchema,
    ...named,
  }),
  wall: z.object({
    panelCount: z.number().int().positive(),
    closingEvery: z.number().int().positive(),
    lengthM: z.object({ primary: z.number(), secondary: z.number(), closing: z.number() }),
    thicknessM: z.number(),
    topLevelM: z.number(),
    designDepthM: z.number(),
    cageWeightPerM3T: z.number(),
    jointType: z.enum(JOINT_TYPES),
  }),
  teams: z.array(z.object({ code: z.string(), ...named })),
  calendar: workingCalendarSchema,
  plan: z.object({ start: siteDaySchema, finish: siteDaySchema }),
  machines: z.array(
    z.object({ code: z.string(), kind: z.enum(MACHINE_KINDS), makeModel: z.string() }),
  ),
  milestones: z.array(z.object({ dueDate: z.string(), scope: z.literal('structure'), ...named })),
  progress: z.object({
    asOf: siteDaySchema,
    guideWallFrom: siteDaySchema,
    firstExcavation: siteDaySchema,
    finishedByAsOf: z.number().int().min(0),
    inProgress: z.number().int().min(0).max(4),
    holiday: z.object({
      from: siteDaySchema,
      to: siteDaySchema,
      workers: z.number(),
      staff: z.number(),
    }),
    workers: z.number(),
    staff: z.number(),
  }),
});

export type DemoScenario = z.infer<typeof scenarioSchema>;
export const demoScenario: DemoScenario = scenarioSchema.parse(scenarioJson);

/**
 * Primary panels (A) are dug first, secondary (B) fill between them: A1 B1 A2 B2 … around the
 * shaft; every `closingEvery`-th position is a closing panel (C) where two working fronts meet.
 */
export function panelTypeAt(position: number, closingEvery: number): PanelType {
  if (position % closingEvery === 0) return 'closing';
  return position % 2 === 1 ? 'primary' : 'secondary';
}

export interface SeedResult {
  projectId: string;
  structureId: string;
}

export async function seedDemoProject(
  db: Knex,
  now: () => Date,
  scenario = demoScenario,
): Promise<SeedResult> {
  const at = now().toISOString();
  const audit = { created_at: at, updated_at: at, updated_by: 'demo', deleted_at: null };
  const projectId = newId();
  const structureId = newId();
  const panels = demoPanels(scenario, { projectId, structureId, audit });

  const teams: Row[] = scenario.teams.map((team, i) => ({
    id: newId(),
    project_id: projectId,
    code: team.code,
    name_zh: team.nameZh,
    name_en: team.nameEn,
    sort_order: i + 1,
    ...audit,
  }));
  // Demo history is written without outbox rows: it is local illustration, never pushed to a server.
  const history = demoProgressRows({
    projectId,
    panels: panels as never,
    teams: teams.map((t) => ({ id: t.id as string, code: t.code as string })),
    progress: scenario.progress,
    audit,
  });
  const machines = demoMachines(projectId, scenario.machines, audit);
  const resources = {
    projectId,
    machines: machines.machines,
    events: history.events,
    from: scenario.progress.firstExcavation,
    asOf: scenario.progress.asOf,
    holiday: scenario.progress.holiday,
    audit,
  };

  await db.transaction(async (trx) => {
    await insertProjectRows(trx, scenario, { projectId, structureId, audit });
    await insertRows(trx, 'panels', panels);
    await insertRows(trx, 'teams', teams);
    await insertRows(trx, 'panel_stage_events', history.events);
    await insertRows(trx, 'crew_shifts', history.crews);
    await insertRows(trx, 'staff_counts', history.staff);
    await insertRows(trx, 'daily_logs', history.logs);
    await insertRows(trx, 'machines', machines.rows);
    await insertRows(trx, 'machine_shifts', demoMachineShifts(resources));
    await insertRows(trx, 'material_entries', demoMaterials(resources));
  });
  return { projectId, structureId };
}

interface SeedIds {
  projectId: string;
  structureId: string;
  audit: Row;
}

/** The wall's panels around the outline: A/B alternating, a closing panel every so often. */
function demoPanels(scenario: typeof demoScenario, { projectId, structureId, audit }: SeedIds) {
  const { wall } = scenario;
  const counters: Record<PanelType, number> = { primary: 0, secondary: 0, closing: 0 };
  const prefix: Record<PanelType, string> = { primary: 'A', secondary: 'B', closing: 'C' };
  const panels: Row[] = [];
  for (let position = 1; position <= wall.panelCount; position++) {
    const type = panelTypeAt(position, wall.closingEvery);
    counters[type] += 1;
    const dims = {
      lengthM: wall.lengthM[type],
      thicknessM: wall.thicknessM,
      designDepthM: wall.designDepthM,
    };
    const volume = theoreticalVolume(dims);
    panels.push({
      id: newId(),
      project_id: projectId,
      structure_id: structureId,
      code: `${prefix[type]}${counters[type]}`,
      type,
      sequence: position,
      length_m: dims.lengthM,
      thickness_m: dims.thicknessM,
      design_depth_m: dims.designDepthM,
      top_level_m: wall.topLevelM,
      toe_level_m: Math.round((wall.topLevelM - wall.designDepthM) * 100) / 100,
      theoretical_volume_m3: volume,
      cage_weight_t: Math.round(volume * wall.cageWeightPerM3T * 10) / 10,
      joint_type: wall.jointType,
      ...audit,
    });
  }
  return panels;
}

/** The project, its structure and its milestones. */
async function insertProjectRows(
  trx: Knex.Transaction,
  scenario: typeof demoScenario,
  { projectId, structureId, audit }: SeedIds,
): Promise<void> {
  await insertRows(trx, 'projects', [
    {
      id: projectId,
      code: scenario.project.code,
      name_zh: scenario.project.nameZh,
      name_en: scenario.project.nameEn,
      timezone: scenario.project.timezone,
      is_demo: 1,
      settings: JSON.stringify({ demoToday: scenario.progress.asOf }),
      calendar: JSON.stringify(scenario.calendar),
      ...audit,
    },
  ]);
  await insertRows(trx, 'structures', [
    {
      id: structureId,
      project_id: projectId,
      code: scenario.structure.code,
      name_zh: scenario.structure.nameZh,
      name_en: scenario.structure.nameEn,
      kind: scenario.structure.kind,
      outline: JSON.stringify(scenario.structure.outline),
      planned_start: scenario.plan.start,
      planned_finish: scenario.plan.finish,
      sort_order: 1,
      ...audit,
    },
  ]);
  await insertRows(
    trx,
    'milestones',
    scenario.milestones.map((m) => ({
      id: newId(),
      project_id: projectId,
      name_zh: m.nameZh,
      name_en: m.nameEn,
      due_date: m.dueDate,
      baseline_date: m.dueDate,
      actual_date: null,
      scope_structure_id: structureId,
      scope_panel_ids: null,
      ...audit,
    })),
  );
}
