// The laptop's own settings (`local_settings`: never synced): its node id, its user, the active
// project, and the sync connection. The one place their SQL lives.
import type { Knex } from 'knex';
import { collectChanged } from '../changes';

type Db = Knex | Knex.Transaction;

/** The project this laptop opens on (local: each laptop chooses its own). */
export const ACTIVE_PROJECT_KEY = 'active_project_id';

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const row = await db('local_settings').where({ key }).first('value');
  return (row?.value as string | undefined) ?? null;
}

/** Several settings at once, by key (absent keys are missing from the result). */
export async function getSettings(db: Db, keys: string[]): Promise<Map<string, string>> {
  const rows = (await db('local_settings').whereIn('key', keys).select('key', 'value')) as {
    key: string;
    value: string;
  }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Every setting whose key starts with `prefix` (the sync connection's, say). */
export async function getSettingsWithPrefix(db: Db, prefix: string): Promise<Map<string, string>> {
  const rows = (await db('local_settings')
    .where('key', 'like', `${prefix.replace(/[%_]/g, '')}%`)
    .select('key', 'value')) as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Writes each value; null deletes the key. */
export async function setSettings(db: Db, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await db('local_settings').where({ key }).delete();
    else await db('local_settings').insert({ key, value }).onConflict('key').merge();
  }
  // A call that changes a setting (the active project, say) names it in its reply.
  collectChanged(['local_settings']);
}
