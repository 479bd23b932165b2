import type { Knex } from 'knex';
import {
  EMPTY_LOG_FIELDS,
  type DailyLog,
  type DailyLogFields,
  type Weather,
} from '../domain/daily-log';
import { assertNotFuture, siteDayOf } from '../domain/dates';
import { newId } from '../domain/ids';
import { getProject } from './project-service';
import type { Store } from './store';

const COLUMNS: Record<keyof DailyLogFields, string> = {
  weatherAm: 'weather_am',
  weatherPm: 'weather_pm',
  tempMinC: 'temp_min_c',
  tempMaxC: 'temp_max_c',
  rainMm: 'rain_mm',
  wind: 'wind',
  location: 'location',
  notes: 'notes',
  issues: 'issues',
  safety: 'safety',
};

export async function getDailyLog(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<DailyLog | null> {
  const row = await db('daily_logs')
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .orderBy('id')
    .first();
  if (!row) return null;
  const fields = { ...EMPTY_LOG_FIELDS } as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) fields[key] = row[column] ?? null;
  return {
    ...(fields as DailyLogFields),
    weatherAm: (row.weather_am as Weather | null) ?? null,
    weatherPm: (row.weather_pm as Weather | null) ?? null,
    id: row.id as string,
    projectId,
    siteDay,
    updatedBy: row.updated_by as string,
    updatedAt: row.updated_at as string,
  };
}

export async function saveDailyLog(
  store: Store,
  input: { projectId: string; siteDay: string; fields: DailyLogFields },
): Promise<DailyLog> {
  const project = await getProject(store.db, input.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  const row: Record<string, string | number | null> = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = input.fields[key as keyof DailyLogFields];
    row[column] = typeof value === 'string' && value.trim() === '' ? null : value;
  }
  await store.write((w) =>
    w.upsert('daily_logs', { project_id: input.projectId, site_day: input.siteDay }, row, newId),
  );
  return (await getDailyLog(store.db, input.projectId, input.siteDay))!;
}
