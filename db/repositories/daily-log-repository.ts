// The day's log: one row per project and site day.
import type { Knex } from 'knex';
import {
  EMPTY_LOG_FIELDS,
  type DailyLog,
  type DailyLogFields,
  type LogField,
  type Weather,
} from '../../main/domain/daily-log';
import { fieldVersions } from './sync-repository';

export const LOG_COLUMNS: Record<LogField, string> = {
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

/** The day's log with the version of each field, for the form that edits it. */
export async function findDailyLog(
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
  for (const [key, column] of Object.entries(LOG_COLUMNS) as [LogField, string][])
    fields[key] = row[column] ?? null;
  const byColumn = (
    await fieldVersions(db, 'daily_logs', [row.id], Object.values(LOG_COLUMNS))
  ).get(row.id)!;
  const versions = Object.fromEntries(
    (Object.entries(LOG_COLUMNS) as [LogField, string][]).map(([key, column]) => [
      key,
      byColumn[column] ?? null,
    ]),
  ) as Record<LogField, string | null>;
  return {
    ...(fields as DailyLogFields),
    weatherAm: (row.weather_am as Weather | null) ?? null,
    weatherPm: (row.weather_pm as Weather | null) ?? null,
    id: row.id as string,
    projectId,
    siteDay,
    updatedBy: row.updated_by as string,
    updatedAt: row.updated_at as string,
    versions,
  };
}

/** The stored temperatures of a day's log, read inside the transaction that changes them. */
export async function storedTemperatures(
  trx: Knex.Transaction,
  projectId: string,
  siteDay: string,
): Promise<{ temp_min_c: number | null; temp_max_c: number | null } | undefined> {
  return trx('daily_logs')
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .first('temp_min_c', 'temp_max_c');
}
