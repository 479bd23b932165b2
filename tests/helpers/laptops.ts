import { afterEach } from 'vitest';
import type { Knex } from 'knex';
import { openAppContext, type AppContext } from '../../main/services/app-context';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { PASSWORD } from './sync-server';
import { tempDir } from './temp-dir';

const opened: AppContext[] = [];
afterEach(async () => {
  while (opened.length)
    await opened
      .pop()!
      .close()
      .catch(() => {});
});

/** A laptop: the app over its own data folder, with or without the demo project. */
export async function laptop(
  options: { demo?: boolean; dataDir?: string; now?: () => Date; fetch?: typeof fetch } = {},
): Promise<AppContext> {
  const app = await openAppContext({
    dataDir: options.dataDir ?? tempDir('haitai-laptop-'),
    runtime: 'test',
    seedDemo: options.demo ?? false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  opened.push(app);
  return app;
}

export async function connect(app: AppContext, url: string, username: string, publish = false) {
  return app.api['sync:connect']({
    url,
    username,
    password: PASSWORD,
    deviceName: `${username}-laptop`,
    publish,
  });
}

/** The synced tables of a replica as comparable text: every row, every column, in id order. */
export async function replicaState(db: Knex): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of SYNCED_TABLES) {
    if (LOCAL_ONLY_TABLES.has(table)) continue;
    state[table] = await db(table).orderBy('id').select('*');
  }
  return state;
}
