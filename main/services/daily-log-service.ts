import type { Knex } from 'knex';
import { fieldVersions } from '../../db/repositories/sync-repository';
import {
  EMPTY_LOG_FIELDS,
  temperaturesInOrder,
  type DailyLog,
  type DailyLogFields,
  type LogField,
  type Weather,
} from '../domain/daily-log';
import { assertNotFuture, siteDayOf } from '../domain/dates';
import { AppError } from '../domain/errors';
import { getProject } from './project-service';
import type { Store } from './store';

const COLUMNS: Record<LogField, string> = {
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
  for (const [key, column] of Object.entries(COLUMNS) as [LogField, string][])
    fields[key] = row[column] ?? null;
  const byColumn = (await fieldVersions(db, 'daily_logs', [row.id], Object.values(COLUMNS))).get(
    row.id,
  )!;
  const versions = Object.fromEntries(
    (Object.entries(COLUMNS) as [LogField, string][]).map(([key, column]) => [
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

/**
 * Saves the fields the user changed, and only those, with the versions they saw: the slurry
 * engineer's safety note and the shift engineer's weather of the same day both survive, and an
 * overwrite of a value the user never saw reaches the conflict ledger.
 */
export async function saveDailyLog(
  store: Store,
  input: {
    projectId: string;
    siteDay: string;
    fields: Partial<DailyLogFields>;
    seen?: Partial<Record<LogField, string | null>> | undefined;
  },
): Promise<DailyLog> {
  const project = await getProject(store.db, input.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  const row: Record<string, string | number | null> = {};
  const seen: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(input.fields) as [LogField, unknown][]) {
    const column = COLUMNS[key];
    if (value === undefined || column === undefined) continue;
    row[column] =
      typeof value === 'string' && value.trim() === '' ? null : (value as string | number | null);
    if (input.seen && key in input.seen) seen[column] = input.seen[key] ?? null;
  }
  await store.write(async (w) => {
    // The temperatures are checked against the log as it stands with this save's changes.
    const current = (await w
      .trx('daily_logs')
      .where({ project_id: input.projectId, site_day: input.siteDay })
      .whereNull('deleted_at')
      .first('temp_min_c', 'temp_max_c')) as
      { temp_min_c: number | null; temp_max_c: number | null } | undefined;
    // A field this save does not send keeps its stored value.
    const after = { temp_min_c: null, temp_max_c: null, ...current, ...row };
    const tempMinC = after.temp_min_c as number | null;
    const tempMaxC = after.temp_max_c as number | null;
    if (!temperaturesInOrder({ tempMinC, tempMaxC }))
      throw new AppError('input.invalid', {
        issues: [{ path: 'fields.tempMinC', message: 'minimum above maximum' }],
      });
    await w.upsert(
      'daily_logs',
      { project_id: input.projectId, site_day: input.siteDay },
      row,
      seen,
    );
  });
  return (await getDailyLog(store.db, input.projectId, input.siteDay))!;
}
