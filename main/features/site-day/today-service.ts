// Everything an engineer records for one site day, and what is still missing from it.
import type { Knex } from 'knex';
import { getCrewDay } from './crew-service';
import { findDailyLog } from '../../../db/repositories/daily-log-repository';
import { findProject } from '../../../db/repositories/project-repository';
import { openingDay } from '../../domain/site-day';
import type { MissingItem, Opening, TodayView } from '../../domain/today';
import { isFirstRun } from '../setup/project-setup-service';
import { SHIFTS } from '../../domain/stages';
import { listDayEvents } from '../../../db/repositories/stage-event-repository';

export async function getToday(db: Knex, projectId: string, siteDay: string): Promise<TodayView> {
  const [events, crews, log] = await Promise.all([
    listDayEvents(db, projectId, siteDay),
    getCrewDay(db, projectId, siteDay),
    findDailyLog(db, projectId, siteDay),
  ]);
  const missing: MissingItem[] = [];
  if (!log?.weatherAm || !log?.weatherPm) missing.push({ kind: 'weather' });
  for (const shift of SHIFTS) {
    const recorded = new Set(crews.records.filter((r) => r.shift === shift).map((r) => r.teamId));
    const teamIds = crews.teams.filter((t) => !recorded.has(t.id)).map((t) => t.id);
    if (teamIds.length) missing.push({ kind: 'crews', shift, teamIds });
  }
  if (crews.staff === null) missing.push({ kind: 'staff' });
  if (events.length === 0) missing.push({ kind: 'progress' });
  return { siteDay, events, crews, log, missing };
}

/**
 * The first screen's reads in one (issue 16): the window asks for them before its code has
 * finished loading, and one answer saves it waiting on a second. A first run gets no day.
 */
export async function getOpening(db: Knex, now: Date): Promise<Opening> {
  const firstRun = await isFirstRun(db);
  const project = await findProject(db);
  if (!project || firstRun) return { firstRun, project, today: null };
  return { firstRun, project, today: await getToday(db, project.id, openingDay(project, now)) };
}
