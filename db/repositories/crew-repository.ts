// Teams, their shift records and the day's staff count.
import type { Knex } from 'knex';
import type { CrewShiftRecord } from '../../main/domain/crews';
import type { Team } from '../../main/domain/project';
import type { Shift } from '../../main/domain/stages';

interface CrewRow {
  id: string;
  site_day: string;
  shift: string;
  team_id: string;
  headcount: number;
  hours: number;
  foreman: string | null;
}

const toRecord = (r: CrewRow): CrewShiftRecord => ({
  id: r.id,
  siteDay: r.site_day,
  shift: r.shift as Shift,
  teamId: r.team_id,
  headcount: r.headcount,
  hours: r.hours,
  foreman: r.foreman,
});

/** A project's teams in their order, retired ones included (they keep their history). */
export async function listTeams(db: Knex, projectId: string): Promise<Team[]> {
  const rows = await db('teams')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy(['sort_order', 'code']);
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    projectId: r.project_id as string,
    code: r.code as string,
    nameZh: r.name_zh as string,
    nameEn: r.name_en as string,
    sortOrder: r.sort_order as number,
    retiredAt: (r.retired_at as string | null) ?? null,
  }));
}

/** The time zone of a live team's project, in one read (the crew write path stays short). */
export async function teamTimezone(
  db: Knex,
  projectId: string,
  teamId: string,
): Promise<string | null> {
  const row = (await db('teams as t')
    .join('projects as p', 'p.id', 't.project_id')
    .where({ 't.id': teamId, 't.project_id': projectId })
    .whereNull('t.deleted_at')
    .first('p.timezone')) as { timezone: string } | undefined;
  return row?.timezone ?? null;
}

export async function listCrewRecords(
  db: Knex,
  projectId: string,
  from: string,
  to: string,
): Promise<CrewShiftRecord[]> {
  const rows: CrewRow[] = await db('crew_shifts')
    .where({ project_id: projectId })
    .whereBetween('site_day', [from, to])
    .whereNull('deleted_at')
    .orderBy(['site_day', 'shift', 'team_id', 'id']);
  return rows.map(toRecord);
}

export async function staffCount(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<number | null> {
  const row = await db('staff_counts')
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .orderBy('id')
    .first('headcount');
  return (row?.headcount as number | undefined) ?? null;
}

/** Teams and workers on each day of a range, newest day first. */
export async function dailyRosters(
  db: Knex,
  projectId: string,
  from: string,
  to: string,
): Promise<{ siteDay: string; teams: number; workers: number }[]> {
  const rows: { site_day: string; teams: number; workers: number }[] = await db('crew_shifts')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .whereBetween('site_day', [from, to])
    .groupBy('site_day')
    .orderBy('site_day', 'desc')
    .select(
      'site_day',
      db.raw('count(distinct team_id) as teams'),
      db.raw('sum(headcount) as workers'),
    );
  return rows.map((r) => ({
    siteDay: r.site_day,
    teams: Number(r.teams),
    workers: Number(r.workers),
  }));
}

/** Whether another team of the project already uses this code. */
export async function teamCodeTaken(
  db: Knex,
  projectId: string,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const query = db('teams')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .whereRaw('lower(code) = lower(?)', [code]);
  if (exceptId) query.whereNot({ id: exceptId });
  return Boolean(await query.first('id'));
}

export async function findTeamProject(db: Knex, teamId: string): Promise<string | null> {
  const row = await db('teams').where({ id: teamId }).whereNull('deleted_at').first('project_id');
  return (row?.project_id as string | undefined) ?? null;
}
