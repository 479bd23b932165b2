// The schedule a project manager reviews (issue 6): production rates, cycle times, milestone
// forecasts with their range, the S-curve of each structure and the 14-day look-ahead, all as of
// one site day and over the project's working calendar. The arithmetic is in main/domain.
import type { Knex } from 'knex';
import { nextDay } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { PANEL_TYPES, type PanelType } from '../../domain/panel';
import type { MilestoneView, Project } from '../../domain/project';
import {
  compileCalendar,
  cycleTimes,
  dayNumber,
  dayOf,
  expectedConcreting,
  forecastMilestones,
  productionRates,
  sCurve,
  workingCalendarSchema,
  type CycleTime,
  type LookAheadDay,
  type MilestoneForecast,
  type MilestoneSchedule,
  type ScheduleView,
  type StructureCurve,
  type WorkingCalendar,
} from '../../domain/schedule';
import { PANEL_STAGES, type PanelStage } from '../../domain/stages';
import { listMilestones } from './milestone-service';
import { listDueDateChanges } from '../../../db/repositories/milestone-repository';
import { dailyRosters } from '../../../db/repositories/crew-repository';
import { panelStageDays } from '../../../db/repositories/panel-repository';
import {
  findStructurePlan,
  structureProgress,
} from '../../../db/repositories/structure-repository';
import { getProject } from '../project/project-service';
import type { Store } from '../../sync/store';

/** Days the look-ahead covers after the as-of day. */
export const LOOK_AHEAD_DAYS = 14;

/** How far back the look-ahead looks for the latest roster of a full working day. */
const ROSTER_LOOKBACK_DAYS = 62;

interface PanelFacts {
  id: string;
  code: string;
  structureId: string;
  type: PanelType;
  areaM2: number;
  /** The site day each stage was done, as of the as-of day. */
  days: Partial<Record<PanelStage, string>>;
}

/** The project's panels with the days their stages were done, up to and including `asOf`. */
async function loadPanels(db: Knex, projectId: string, asOf: string): Promise<PanelFacts[]> {
  const rows = await panelStageDays(db, projectId, PANEL_STAGES, asOf);
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    structureId: p.structureId,
    type: p.type,
    areaM2: p.lengthM * p.designDepthM,
    days: p.days as PanelFacts['days'],
  }));
}

const finishedOf = (panels: readonly PanelFacts[]) =>
  panels
    .filter((p) => p.days.concreting)
    .map((p) => ({ day: p.days.concreting!, areaM2: p.areaM2 }));

const firstExcavation = (panels: readonly PanelFacts[]): string | null =>
  panels.reduce<string | null>((first, p) => {
    const d = p.days.excavation;
    return d && (first === null || d < first) ? d : first;
  }, null);

/** Forecasts for the project's milestones, as of a site day. */
function milestoneForecasts(
  calendar: WorkingCalendar,
  milestones: readonly MilestoneView[],
  panels: readonly PanelFacts[],
  asOf: string,
): Map<string, MilestoneForecast> {
  const byId = new Map(panels.map((p) => [p.id, p]));
  const inputs = milestones.map((m) => {
    // One pass over the scope (up to every panel of the project, for each milestone).
    const stage = m.scopeStage ?? 'concreting';
    const finishedDays: string[] = [];
    let total = 0;
    let since: string | null = null;
    for (const id of m.scopePanelIds) {
      const p = byId.get(id);
      if (!p) continue;
      total += 1;
      const day = p.days[stage];
      if (day) finishedDays.push(day);
      const dug = p.days.excavation;
      if (dug && (since === null || dug < since)) since = dug;
    }
    return { total, finishedDays, since, dueDate: m.dueDate, asOf, scoped: m.scoped };
  });
  const forecasts = forecastMilestones(calendar, inputs);
  return new Map(milestones.map((m, i) => [m.id, forecasts[i]!]));
}

async function scheduleInputs(db: Knex, projectId: string, asOf: string, known?: Project) {
  const project = known ?? (await getProject(db, projectId));
  const [panels, changes] = await Promise.all([
    loadPanels(db, projectId, asOf),
    listDueDateChanges(db, projectId),
  ]);
  const milestones = await listMilestones(db, projectId, panels);
  const forecasts = milestoneForecasts(project.calendar, milestones, panels, asOf);
  return {
    project,
    panels,
    milestones: milestones.map(({ scopePanelIds: _, ...m }) => ({
      ...m,
      forecast: forecasts.get(m.id)!,
      changes: changes.filter((c) => c.milestoneId === m.id),
    })),
  };
}

/** Only the milestone forecasts: what the daily sheet and `haitai forecast` need. */
export async function forecastProject(
  db: Knex,
  projectId: string,
  asOf: string,
): Promise<{ project: Project; milestones: MilestoneSchedule[] }> {
  const { project, milestones } = await scheduleInputs(db, projectId, asOf);
  return { project, milestones };
}

/**
 * What the daily sheet shows of the schedule: the milestone forecasts and the look-ahead, without
 * the production rates of every structure that only the schedule screen shows.
 */
export async function sheetSchedule(
  db: Knex,
  projectId: string,
  asOf: string,
  /** The project, when the caller has read it already. */
  known?: Project,
): Promise<Pick<ScheduleView, 'milestones' | 'lookAhead'>> {
  const { project, panels, milestones } = await scheduleInputs(db, projectId, asOf, known);
  const cycles = cycleTimes(project.calendar, panels, PANEL_TYPES);
  return {
    milestones,
    lookAhead: await lookAhead(db, projectId, project.calendar, panels, cycles, asOf),
  };
}

export async function getSchedule(
  db: Knex,
  projectId: string,
  asOf: string,
): Promise<ScheduleView> {
  const { project, panels, milestones } = await scheduleInputs(db, projectId, asOf);
  const calendar = project.calendar;
  const since = firstExcavation(panels);

  const structures = project.structures.map((s) => {
    const own = panels.filter((p) => p.structureId === s.id);
    const finished = finishedOf(own);
    return {
      id: s.id,
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      plannedStart: s.plannedStart,
      plannedFinish: s.plannedFinish,
      total: own.length,
      finished: finished.length,
      rates: productionRates(calendar, finished, asOf, firstExcavation(own)),
    };
  });
  const cycles = cycleTimes(calendar, panels, PANEL_TYPES);
  return {
    projectId,
    asOf,
    calendar,
    structures,
    rates: productionRates(calendar, finishedOf(panels), asOf, since),
    cycleTimes: cycles,
    milestones,
    lookAhead: await lookAhead(db, projectId, calendar, panels, cycles, asOf),
  };
}

/**
 * The next LOOK_AHEAD_DAYS days: panels part-way through, each on the day it is expected to be
 * concreted, and the crews expected, from the latest roster recorded on a full working day.
 */
async function lookAhead(
  db: Knex,
  projectId: string,
  calendar: WorkingCalendar,
  panels: readonly PanelFacts[],
  cycles: readonly CycleTime[],
  asOf: string,
): Promise<LookAheadDay[]> {
  const capacity = compileCalendar(calendar);
  const start = dayNumber(asOf) + 1;
  const days: LookAheadDay[] = [];
  const roster = await latestRoster(db, projectId, asOf, (d) => capacity(dayNumber(d)) === 1);
  for (let n = start; n < start + LOOK_AHEAD_DAYS; n++) {
    const c = capacity(n);
    days.push({
      day: dayOf(n),
      capacity: c,
      panels: [],
      crews:
        roster && c > 0 ? { teams: roster.teams, workers: Math.round(roster.workers * c) } : null,
    });
  }
  for (const p of panels) {
    if (p.days.concreting || !p.days.excavation) continue;
    const stage = [...PANEL_STAGES].reverse().find((s) => p.days[s])!;
    const expected = expectedConcreting(
      calendar,
      { type: p.type, stage, day: p.days[stage]! },
      cycles,
      asOf,
    );
    const slot = expected ? days.find((d) => d.day === expected) : undefined;
    slot?.panels.push({ panelId: p.id, code: p.code, stage });
  }
  return days;
}

async function latestRoster(
  db: Knex,
  projectId: string,
  asOf: string,
  fullDay: (day: string) => boolean,
): Promise<{ teams: number; workers: number } | null> {
  const recent = await dailyRosters(db, projectId, nextDay(asOf, -ROSTER_LOOKBACK_DAYS), asOf);
  const pick = recent.find((r) => fullDay(r.siteDay)) ?? recent[0];
  return pick ? { teams: pick.teams, workers: pick.workers } : null;
}

/** The planned and actual cumulative panels of one structure, day by day. */
export async function getStructureCurve(
  db: Knex,
  structureId: string,
  asOf: string,
): Promise<StructureCurve> {
  const structure = await findStructurePlan(db, structureId);
  if (!structure) throw new AppError('not_found', { entity: 'structure', id: structureId });
  const project = await getProject(db, structure.projectId);
  const { total, concretedOn: finishedDays } = await structureProgress(db, structureId);
  const { plannedStart, plannedFinish } = structure;
  const known = [plannedStart, plannedFinish, ...finishedDays].filter((d): d is string => !!d);
  const from = known.length > 0 ? known.reduce((a, b) => (a < b ? a : b)) : asOf;
  const last = [asOf, plannedFinish]
    .filter((d): d is string => !!d)
    .reduce((a, b) => (a > b ? a : b));
  return {
    structureId,
    asOf,
    points: sCurve(project.calendar, {
      total,
      plannedStart,
      plannedFinish,
      finishedDays,
      from,
      to: last,
      asOf,
    }),
  };
}

export async function setCalendar(
  store: Store,
  input: { projectId: string; calendar: WorkingCalendar },
): Promise<WorkingCalendar> {
  const calendar = workingCalendarSchema.parse(input.calendar);
  await getProject(store.db, input.projectId);
  await store.write((w) =>
    w.update('projects', input.projectId, { calendar: JSON.stringify(calendar) }),
  );
  return calendar;
}

export async function setStructurePlan(
  store: Store,
  input: { structureId: string; plannedStart: string | null; plannedFinish: string | null },
): Promise<void> {
  if (!(await findStructurePlan(store.db, input.structureId)))
    throw new AppError('not_found', { entity: 'structure', id: input.structureId });
  await store.write((w) =>
    w.update('structures', input.structureId, {
      planned_start: input.plannedStart,
      planned_finish: input.plannedFinish,
    }),
  );
}
