// The scene of the hostile-client tests: a server (SQLite or PostgreSQL), a manager's laptop with
// his published project (the victim), an honest engineer's laptop following it, another project's
// manager with his, and an engineer of the first project signed in as a device of his own (the
// attacker, speaking the HTTP protocol).
import type { AppContext } from '../../main/app/app-context';
import { newId } from '../../main/domain/ids';
import { naturalId } from '../../main/domain/natural-keys';
import { connect, laptop, tinyProject } from './laptops';
import { signInDevice, type Device } from './protocol';
import { startSyncServer, type TestServer } from './sync-server';

export const ATTACKER_CLIENT = 'a77ac0000000000e';
export const DAY = '2023-01-05';

export interface Scene {
  s: TestServer;
  /** The manager's laptop (the victim), an honest engineer's, and another project's manager's. */
  a: AppContext;
  b: AppContext;
  c: AppContext;
  p1: Awaited<ReturnType<typeof tinyProject>> & { milestoneId: string };
  p2: Awaited<ReturnType<typeof tinyProject>> & { milestoneId: string; logId: string };
  attacker: Device;
}

async function withMilestone(app: AppContext, projectId: string): Promise<string> {
  const id = newId();
  await app.store.write((w) =>
    w.insert('milestones', {
      id,
      project_id: projectId,
      name_zh: '井墙完成',
      name_en: 'Shaft walls complete',
      due_date: '2023-02-20',
      baseline_date: '2023-02-20',
    }),
  );
  return id;
}

export async function scene(serverOptions: { databaseUrl?: string }): Promise<Scene> {
  const s = await startSyncServer(serverOptions);
  const a = await laptop();
  const p1 = await tinyProject(a);
  const m1 = await withMilestone(a, p1.projectId);
  const c = await laptop();
  const p2 = await tinyProject(c);
  const m2 = await withMilestone(c, p2.projectId);
  await c.api['log:save']({ projectId: p2.projectId, siteDay: DAY, fields: { notes: '二号井' } });
  await s.addUser('mgr', 'manager', p1.projectId);
  await s.addUser('eng', 'engineer', p1.projectId);
  await s.addUser('mgr2', 'manager', p2.projectId);
  await connect(a, s.url, 'mgr', true);
  await connect(c, s.url, 'mgr2', true);
  const b = await laptop();
  await connect(b, s.url, 'eng', false, p1.projectId);
  // Only the test syncs from here, so each step happens in the order written; the manager's
  // laptop first learns the engineer's name.
  for (const app of [a, b, c]) await app.sync.stop();
  await a.sync.syncNow();
  return {
    s,
    a,
    b,
    c,
    p1: { ...p1, milestoneId: m1 },
    p2: {
      ...p2,
      milestoneId: m2,
      logId: naturalId(p2.projectId, 'daily_logs', [DAY]),
    },
    attacker: await signInDevice(s.url, 'eng', ATTACKER_CLIENT),
  };
}
