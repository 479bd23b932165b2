// Everything an engineer records for one site day, and what is still missing from it.
import type { Knex } from 'knex';
import { getCrewDay } from './crew-service';
import { findDailyLog } from '../../../db/repositories/daily-log-repository';
import type { MissingItem, TodayView } from '../../domain/today';
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
