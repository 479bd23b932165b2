import type { Knex } from 'knex';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { LOCAL_ONLY_TABLES, SYNCED_TABLES } from '../../db/repositories/synced-writer';
import { afterThisTest } from './cleanup';
import { PASSWORD } from './sync-server';
import { migratedDataDir } from './migrated-template';

/** A laptop: the app over its own data folder, with or without the demo project. */
export async function laptop(
  options: {
    demo?: boolean;
    dataDir?: string;
    now?: () => Date;
    fetch?: typeof fetch;
    syncOptions?: Parameters<typeof openAppContext>[0]['syncOptions'];
  } = {},
): Promise<AppContext> {
  const app = await openAppContext({
    dataDir: options.dataDir ?? (await migratedDataDir()),
    runtime: 'test',
    seedDemo: options.demo ?? false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.syncOptions ? { syncOptions: options.syncOptions } : {}),
  });
  // A test may have closed it already (a laptop that crashes, one handed over).
  afterThisTest('apps', () => app.close().catch(() => {}));
  return app;
}

export async function connect(
  app: AppContext,
  url: string,
  username: string,
  publish = false,
  projectId?: string,
) {
  return app.api['sync:connect']({
    url,
    username,
    password: PASSWORD,
    deviceName: `${username}-laptop`,
    publish,
    ...(projectId ? { projectId } : {}),
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

/** A small project written through the synced writer: 1 structure, 4 panels, 2 teams. */
export async function tinyProject(
  app: AppContext,
): Promise<{ projectId: string; panelIds: string[]; teamIds: string[] }> {
  const { newId } = await import('../../main/domain/ids');
  const projectId = newId();
  const structureId = newId();
  const panelIds = [newId(), newId(), newId(), newId()];
  const teamIds = [newId(), newId()];
  await app.store.write(async (w) => {
    await w.insert('projects', {
      id: projectId,
      code: 'T',
      name_zh: '测试',
      name_en: 'Test',
      timezone: 'Asia/Shanghai',
      is_demo: 0,
      settings: '{}',
    });
    await w.insert('structures', {
      id: structureId,
      project_id: projectId,
      code: 'S1',
      name_zh: '井',
      name_en: 'Shaft',
      kind: 'shaft',
      outline: null,
      sort_order: 1,
    });
    for (const [i, id] of panelIds.entries()) {
      await w.insert('panels', {
        id,
        project_id: projectId,
        structure_id: structureId,
        code: `A${i + 1}`,
        type: 'primary',
        sequence: i + 1,
        length_m: 6,
        thickness_m: 1.2,
        design_depth_m: 60,
        top_level_m: 3.5,
        toe_level_m: -56.5,
        theoretical_volume_m3: 432,
        cage_weight_t: 40,
        joint_type: null,
      });
    }
    for (const [i, id] of teamIds.entries())
      await w.insert('teams', {
        id,
        project_id: projectId,
        code: `t${i}`,
        name_zh: `班${i}`,
        name_en: `Team ${i}`,
        sort_order: i,
      });
  });
  await app
    .db('local_settings')
    .insert({ key: 'active_project_id', value: projectId })
    .onConflict('key')
    .merge();
  return { projectId, panelIds, teamIds };
}
