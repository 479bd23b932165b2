// The reference dataset of DESIGN.md ("Scale it must be comfortable at"), synthetic and seeded:
// 12 structures, 2,000 panels, 1,826 site days, 30 teams on two shifts (~110,000 crew records),
// 60 milestones. The last panels are left part-built so benchmarks can record stages on them.
import type { Knex } from 'knex';
import { daysBetween, nextDay } from '../../domain/dates';
import { newId } from '../../domain/ids';
import { theoreticalVolume, type PanelType } from '../../domain/panel';
import { seededRandom } from '../../domain/random';
import { PANEL_STAGES } from '../../domain/stages';
import { insertRows, type Row } from '../../../db/repositories/write';
import { stageRank } from '../../../db/repositories/stage-event-repository';

export const REFERENCE = {
  structures: 12,
  panels: 2000,
  firstDay: '2022-09-07',
  siteDays: 1826,
  teams: 30,
  milestonesPerStructure: 5,
  /** Panels left at the guide-wall stage, for benchmarks that record the next stage. */
  openPanels: 200,
} as const;

const SPRING_FESTIVALS = [
  ['2021-02-11', '2021-02-17'],
  ['2022-01-31', '2022-02-06'],
  ['2023-01-21', '2023-01-27'],
  ['2024-02-09', '2024-02-17'],
  ['2025-01-28', '2025-02-04'],
  ['2026-02-15', '2026-02-23'],
  ['2027-02-05', '2027-02-11'],
] as const;

export const REFERENCE_LAST_DAY = nextDay(REFERENCE.firstDay, REFERENCE.siteDays - 1);

export interface ReferenceResult {
  projectId: string;
  lastDay: string;
  counts: Record<string, number>;
}

interface Ref {
  projectId: string;
  audit: Row;
  days: string[];
  random: () => number;
}

export async function seedReferenceProject(
  db: Knex,
  now: () => Date,
  seed = 42,
): Promise<ReferenceResult> {
  const at = now().toISOString();
  const ref: Ref = {
    projectId: newId(),
    audit: { created_at: at, updated_at: at, updated_by: 'reference', deleted_at: null },
    days: daysBetween(REFERENCE.firstDay, nextDay(REFERENCE.firstDay, REFERENCE.siteDays - 1)),
    random: seededRandom(seed),
  };
  const { projectId, days } = ref;
  const lastDay = days[days.length - 1]!;
  // Drawn in this order from one seeded sequence: the same data on every machine.
  const { structures, panels } = referenceStructures(ref);
  const teams = referenceTeams(ref);
  const events = referenceEvents(ref, panels, teams);
  const { crews, staff, logs } = referenceDays(ref, teams);
  const milestones = referenceMilestones(ref, structures, panels);
  await db.transaction(async (trx) => {
    await insertRows(trx, 'projects', [referenceProjectRow(ref, lastDay)]);
    await insertRows(trx, 'structures', structures);
    await insertRows(trx, 'panels', panels);
    await insertRows(trx, 'teams', teams);
    await insertRows(trx, 'milestones', milestones);
    await insertRows(trx, 'panel_stage_events', events);
    await insertRows(trx, 'crew_shifts', crews);
    await insertRows(trx, 'staff_counts', staff);
    await insertRows(trx, 'daily_logs', logs);
  });
  return {
    projectId,
    lastDay,
    counts: {
      structures: structures.length,
      panels: panels.length,
      events: events.length,
      siteDays: days.length,
      teams: teams.length,
      crewRecords: crews.length,
      milestones: milestones.length,
    },
  };
}

function referenceProjectRow({ projectId, audit, days }: Ref, lastDay: string): Row {
  return {
    id: projectId,
    code: 'HAITAI-REF',
    name_zh: '海太长江隧道（参考数据集，合成）',
    name_en: 'Haitai Yangtze River Tunnel (reference dataset, synthetic)',
    timezone: 'Asia/Shanghai',
    is_demo: 1,
    settings: JSON.stringify({ demoToday: lastDay }),
    calendar: JSON.stringify({
      restWeekdays: [],
      nonWorking: [],
      // The Spring Festival of each year, worked by the key teams only.
      reduced: SPRING_FESTIVALS.filter(([from]) => from >= days[0]! && from <= lastDay).map(
        ([from, to]) => ({ from, to, label: '春节', capacity: 0.5 }),
      ),
    }),
    ...audit,
  };
}

/** 12 structures (4 shafts, 8 cut-and-cover sections) and their 2,000 panels. */
function referenceStructures({ projectId, audit, days }: Ref) {
  const structures: Row[] = [];
  const panels: Row[] = [];
  const perStructure = Math.floor(REFERENCE.panels / REFERENCE.structures);
  for (let s = 0; s < REFERENCE.structures; s++) {
    const id = newId();
    const shaft = s < 4;
    const count =
      s === REFERENCE.structures - 1
        ? REFERENCE.panels - perStructure * (REFERENCE.structures - 1)
        : perStructure;
    structures.push({
      id,
      project_id: projectId,
      code: shaft ? `SH-${s + 1}` : `CC-${s - 3}`,
      name_zh: shaft ? `${s + 1} 号工作井` : `明挖段 ${s - 3}`,
      name_en: shaft ? `Shaft ${s + 1}` : `Cut-and-cover section ${s - 3}`,
      kind: shaft ? 'shaft' : 'cut_and_cover',
      outline: JSON.stringify({
        shape: 'rectangle',
        lengthM: shaft ? 80 : 240,
        widthM: shaft ? 60 : 40,
      }),
      sort_order: s + 1,
      // Every structure is built over the whole five years (panels interleave), so that is the plan.
      planned_start: days[0]!,
      planned_finish: days[days.length - 31]!,
      ...audit,
    });
    for (let i = 1; i <= count; i++) {
      const type: PanelType = i % 15 === 0 ? 'closing' : i % 2 ? 'primary' : 'secondary';
      const dims = {
        lengthM: type === 'primary' ? 6 : 4,
        thicknessM: shaft ? 1.2 : 1.0,
        designDepthM: shaft ? 60 : 38,
      };
      const volume = theoreticalVolume(dims);
      panels.push({
        id: newId(),
        project_id: projectId,
        structure_id: id,
        code: `${type === 'primary' ? 'A' : type === 'secondary' ? 'B' : 'C'}${i}`,
        type,
        sequence: i,
        length_m: dims.lengthM,
        thickness_m: dims.thicknessM,
        design_depth_m: dims.designDepthM,
        top_level_m: 3.5,
        toe_level_m: 3.5 - dims.designDepthM,
        theoretical_volume_m3: volume,
        cage_weight_t: Math.round(volume * 0.16),
        joint_type: 'h_steel',
        ...audit,
      });
    }
  }
  return { structures, panels };
}

/** 30 teams. */
function referenceTeams({ projectId, audit }: Ref) {
  const teams: Row[] = Array.from({ length: REFERENCE.teams }, (_, i) => ({
    id: newId(),
    project_id: projectId,
    code: `T${String(i + 1).padStart(2, '0')}`,
    name_zh: `${i + 1} 班组`,
    name_en: `Team ${i + 1}`,
    sort_order: i + 1,
    ...audit,
  }));
  return teams;
}

/** Panels are finished evenly over the five years, in register order, interleaving structures. */
function referenceEvents({ projectId, audit, days, random }: Ref, panels: Row[], teams: Row[]) {
  // Panels are finished evenly over the five years, in register order, interleaving structures.
  const events: Row[] = [];
  const built = REFERENCE.panels - REFERENCE.openPanels;
  const order = [...panels].sort(
    (a, b) =>
      Number(a.sequence) - Number(b.sequence) ||
      String(a.structure_id).localeCompare(String(b.structure_id)),
  );
  order.forEach((panel, k) => {
    const finished = k < built;
    const start = Math.min(days.length - 8, Math.floor((k * (days.length - 10)) / built));
    const stages = finished ? PANEL_STAGES : PANEL_STAGES.slice(0, 1);
    stages.forEach((stage, i) => {
      const day = days[Math.min(days.length - 1, start + (finished ? i : 0))]!;
      const m: Row = {};
      if (stage === 'excavation') m.depth_m = Number(panel.design_depth_m) + 0.3;
      if (stage === 'trench_acceptance')
        Object.assign(m, {
          depth_m: Number(panel.design_depth_m) + 0.3,
          width_m: Number(panel.thickness_m) + 0.02,
          verticality_x_pct: 0.2,
          verticality_y_pct: 0.2,
          sediment_mm: 60,
          slurry_density: 1.2,
          slurry_viscosity_s: 28,
          slurry_sand_pct: 4,
        });
      if (stage === 'desanding')
        Object.assign(m, { slurry_density: 1.18, slurry_viscosity_s: 27, slurry_sand_pct: 3 });
      if (stage === 'concreting')
        m.concrete_volume_m3 = Math.round(
          Number(panel.theoretical_volume_m3) * (1.04 + random() * 0.1),
        );
      events.push({
        id: newId(),
        project_id: projectId,
        panel_id: panel.id as string,
        stage,
        stage_rank: stageRank(stage),
        site_day: day,
        shift: random() < 0.6 ? 'day' : 'night',
        team_id: teams[Math.floor(random() * teams.length)]!.id as string,
        occurred_at: `${day}T02:00:00.000Z`,
        notes: null,
        ...m,
        ...audit,
      });
    });
  });
  return events;
}

/** Every site day: each team on two shifts, the staff count and the log. */
function referenceDays({ projectId, audit, days, random }: Ref, teams: Row[]) {
  const crews: Row[] = [];
  const staff: Row[] = [];
  const logs: Row[] = [];
  for (const day of days) {
    for (const team of teams) {
      for (const shift of ['day', 'night']) {
        crews.push({
          id: newId(),
          project_id: projectId,
          site_day: day,
          shift,
          team_id: team.id as string,
          headcount: 8 + Math.floor(random() * 10),
          hours: 12,
          foreman: null,
          ...audit,
        });
      }
    }
    staff.push({
      id: newId(),
      project_id: projectId,
      site_day: day,
      headcount: 140 + Math.floor(random() * 20),
      ...audit,
    });
    logs.push({
      id: newId(),
      project_id: projectId,
      site_day: day,
      weather_am: 'sunny',
      weather_pm: 'cloudy',
      temp_min_c: 5,
      temp_max_c: 15,
      rain_mm: null,
      wind: '3级',
      location: null,
      notes: null,
      issues: null,
      safety: null,
      ...audit,
    });
  }
  return { crews, staff, logs };
}

/** Five milestones a structure, at a fifth of its panels each. */
function referenceMilestones({ projectId, audit, days }: Ref, structures: Row[], panels: Row[]) {
  const milestones: Row[] = [];
  for (const structure of structures) {
    const own = panels.filter((p) => p.structure_id === structure.id);
    for (let m = 1; m <= REFERENCE.milestonesPerStructure; m++) {
      const share = m / REFERENCE.milestonesPerStructure;
      const scope = own.slice(0, Math.round(own.length * share)).map((p) => p.id);
      const due = days[Math.min(days.length - 1, Math.round(days.length * share * 0.95))]!;
      milestones.push({
        id: newId(),
        project_id: projectId,
        name_zh: `${structure.name_zh} 完成 ${Math.round(share * 100)}%`,
        name_en: `${structure.name_en} ${Math.round(share * 100)}% complete`,
        due_date: due,
        baseline_date: due,
        actual_date: null,
        scope_structure_id:
          m === REFERENCE.milestonesPerStructure ? (structure.id as string) : null,
        scope_panel_ids: m === REFERENCE.milestonesPerStructure ? null : JSON.stringify(scope),
        ...audit,
      });
    }
  }
  return milestones;
}
