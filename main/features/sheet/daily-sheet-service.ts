// Assembles the DailySheet for a project and site day from what was recorded.
import type { Knex } from 'knex';
import { namesOf } from '../../../db/repositories/people-repository';
import type { DailySheet } from '../../domain/daily-sheet';
import type { Project } from '../../domain/project';
import { dayNumber, type MilestoneSchedule } from '../../domain/schedule';
import type { TodayView } from '../../domain/today';
import { daysBetween, MAX_RANGE_DAYS } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { overbreakPct, PANEL_STAGES, type PanelStage } from '../../domain/stages';
import { sheetSchedule } from '../schedule/schedule-service';
import { findPanel } from '../../../db/repositories/panel-repository';
import {
  listPanelEvents,
  panelStatuses,
  type PanelStatusRow,
} from '../../../db/repositories/stage-event-repository';
import { getProject } from '../project/project-service';
import { getToday } from '../site-day/today-service';
import { sheetResources } from '../site-resources/sheet-resources';
import { sheetPhotos } from '../attachments/sheet-photos';
import { sheetAcceptances, sheetQaChecks } from './sheet-qa';

/** The project as a sheet's or a panel record's header names it. */
export const projectHeader = (project: Project) => ({
  code: project.code,
  nameZh: project.nameZh,
  nameEn: project.nameEn,
  ownerName: project.ownerName,
  contractorName: project.contractorName,
  timezone: project.timezone,
});

export async function assembleDailySheet(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<DailySheet> {
  const project = await getProject(db, projectId);
  // Together: the schedule's arithmetic runs while the other sections' queries are answered.
  const [schedule, today, panels, resources, photos] = await Promise.all([
    sheetSchedule(db, projectId, siteDay, project),
    getToday(db, projectId, siteDay),
    panelStatuses(db, projectId),
    sheetResources(db, projectId, siteDay),
    sheetPhotos(db, projectId, siteDay),
  ]);
  const structureCode = new Map(project.structures.map((s) => [s.id, s.code]));
  const [finished, qa, acceptances] = await Promise.all([
    finishedPanels(db, today, structureCode),
    sheetQaChecks(db, project, siteDay, today.events),
    sheetAcceptances(db, project, siteDay),
  ]);

  const log = today.log;
  return {
    project: projectHeader(project),
    siteDay,
    weather: log
      ? {
          am: log.weatherAm,
          pm: log.weatherPm,
          tempMinC: log.tempMinC,
          tempMaxC: log.tempMaxC,
          rainMm: log.rainMm,
          wind: log.wind,
        }
      : null,
    location: log?.location ?? null,
    finished,
    inProgress: inProgressGroups(panels),
    ...(qa.length ? { qa } : {}),
    ...(acceptances.length ? { acceptances } : {}),
    progress: structureProgress(project, panels, siteDay),
    crews: {
      teams: teamHeadcounts(today),
      totals: today.crews.totals,
      plan: today.crews.plan,
      recorded: {
        day: today.crews.records.some((r) => r.shift === 'day'),
        night: today.crews.records.some((r) => r.shift === 'night'),
      },
    },
    staff: today.crews.staff,
    ...(resources ?? {}),
    ...(photos.length ? { photos } : {}),
    milestones: sheetMilestones(schedule.milestones, siteDay),
    lookAhead: schedule.lookAhead.filter((d) => d.panels.length > 0),
    notes: log?.notes ?? null,
    issues: log?.issues ?? null,
    safety: log?.safety ?? null,
    preparedBy: log ? ((await namesOf(db, projectId)).get(log.updatedBy) ?? log.updatedBy) : null,
    preparedAt: log?.updatedAt ?? null,
    revision: null,
    approvedBy: null,
    approvedAt: null,
    empty:
      today.events.length === 0 &&
      today.crews.records.length === 0 &&
      !log &&
      !resources?.machines.length &&
      !resources?.materials.entries.length &&
      !photos.length,
  };
}

/**
 * Panels concreted on the day; key measurements come from the panel's own acceptance. Only the
 * panel and its stage records are read, not the whole detail a panel's screen shows.
 */
async function finishedPanels(
  db: Knex,
  today: TodayView,
  structureCode: Map<string, string>,
): Promise<DailySheet['finished']> {
  const finished: DailySheet['finished'] = [];
  for (const e of today.events.filter((x) => x.stage === 'concreting')) {
    const [panel, events] = await Promise.all([
      findPanel(db, e.panelId),
      listPanelEvents(db, e.panelId),
    ]);
    if (!panel) throw new AppError('not_found', { entity: 'panel', id: e.panelId });
    const acceptance = events.find((x) => x.stage === 'trench_acceptance');
    finished.push({
      code: panel.code,
      structureCode: structureCode.get(panel.structureId) ?? '',
      depthM: acceptance?.measurements.depthM ?? null,
      verticalityXPct: acceptance?.measurements.verticalityXPct ?? null,
      verticalityYPct: acceptance?.measurements.verticalityYPct ?? null,
      concreteVolumeM3: e.measurements.concreteVolumeM3 ?? null,
      theoreticalVolumeM3: panel.theoreticalVolumeM3,
      overbreakPct: overbreakPct(panel.theoreticalVolumeM3, e.measurements.concreteVolumeM3),
    });
  }
  return finished;
}

/** Panels under way, grouped by the last stage each has reached (one pass over the panels). */
function inProgressGroups(panels: PanelStatusRow[]): DailySheet['inProgress'] {
  const byStage = new Map<PanelStage, string[]>();
  for (const p of panels) {
    const stage = PANEL_STAGES[p.rank - 1];
    if (!stage || stage === 'concreting') continue;
    const codes = byStage.get(stage);
    if (codes) codes.push(p.code);
    else byStage.set(stage, [p.code]);
  }
  return PANEL_STAGES.flatMap((stage) => {
    const codes = byStage.get(stage);
    return codes ? [{ stage, panels: codes }] : [];
  });
}

/** Each structure's concreted panels as of the day. */
function structureProgress(
  project: Project,
  panels: PanelStatusRow[],
  siteDay: string,
): DailySheet['progress'] {
  // Panels and concreted panels a structure, in one pass over the panels.
  const counts = new Map(project.structures.map((s) => [s.id, { total: 0, done: 0 }]));
  for (const p of panels) {
    const count = counts.get(p.structureId);
    if (!count) continue;
    count.total += 1;
    if (p.finishedOn !== null && p.finishedOn <= siteDay) count.done += 1;
  }
  return project.structures.map((s) => {
    const { total, done } = counts.get(s.id)!;
    return {
      structureCode: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      finished: done,
      total,
      pct: total ? Math.round((done / total) * 1000) / 10 : 0,
    };
  });
}

/** Each team's headcount on the day and night shifts. */
function teamHeadcounts(today: TodayView): DailySheet['crews']['teams'] {
  return today.crews.teams.map((t) => {
    const records = today.crews.records.filter((r) => r.teamId === t.id);
    const day = records.filter((r) => r.shift === 'day').reduce((n, r) => n + r.headcount, 0);
    const night = records.filter((r) => r.shift === 'night').reduce((n, r) => n + r.headcount, 0);
    return { code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, day, night, total: day + night };
  });
}

function sheetMilestones(
  milestones: MilestoneSchedule[],
  siteDay: string,
): DailySheet['milestones'] {
  return milestones.map((m) => ({
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    dueDate: m.dueDate,
    baselineDate: m.baselineDate,
    actualDate: m.forecast.actualDate,
    finished: m.forecast.finished,
    total: m.forecast.total,
    daysToDue: dayNumber(m.dueDate) - dayNumber(siteDay),
    forecast: m.forecast,
  }));
}

/** The sheets of several days, in order (a range export, the CLI). */
export async function assembleDailySheets(
  db: Knex,
  projectId: string,
  days: readonly string[],
): Promise<DailySheet[]> {
  const sheets: DailySheet[] = [];
  for (const day of days) sheets.push(await assembleDailySheet(db, projectId, day));
  return sheets;
}

/** The sheets of a range of days, refused past MAX_RANGE_DAYS before any is assembled. */
export async function assembleSheetRange(
  db: Knex,
  projectId: string,
  from: string,
  to: string,
): Promise<DailySheet[]> {
  const days = daysBetween(from, to);
  if (days.length > MAX_RANGE_DAYS)
    throw new AppError('input.invalid', {
      issues: [{ path: 'to', message: `a range holds at most ${MAX_RANGE_DAYS} days` }],
    });
  return assembleDailySheets(db, projectId, days);
}
