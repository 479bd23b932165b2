import {
  findDailyLog,
  LOG_COLUMNS,
  storedTemperatures,
} from '../../../db/repositories/daily-log-repository';
import {
  temperaturesInOrder,
  type DailyLog,
  type DailyLogFields,
  type LogField,
} from '../../domain/daily-log';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import { getProject } from '../project/project-service';
import type { Store } from '../../sync/store';

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
    const column = LOG_COLUMNS[key];
    if (value === undefined || column === undefined) continue;
    row[column] =
      typeof value === 'string' && value.trim() === '' ? null : (value as string | number | null);
    if (input.seen && key in input.seen) seen[column] = input.seen[key] ?? null;
  }
  await store.write(async (w) => {
    // The temperatures are checked against the log as it stands with this save's changes.
    const current = await storedTemperatures(w.trx, input.projectId, input.siteDay);
    // A field this save does not send keeps its stored value.
    const after = { temp_min_c: null, temp_max_c: null, ...current, ...row };
    const tempMinC = after.temp_min_c as number | null;
    const tempMaxC = after.temp_max_c as number | null;
    if (!temperaturesInOrder({ tempMinC, tempMaxC }))
      throw new AppError('input.invalid', {
        issues: [issue('fields.tempMinC', 'issues.minAboveMax', 'minimum above maximum')],
      });
    await w.upsert(
      'daily_logs',
      { project_id: input.projectId, site_day: input.siteDay },
      row,
      seen,
    );
  });
  return (await findDailyLog(store.db, input.projectId, input.siteDay))!;
}
