// A real sync server over HTTP on 127.0.0.1, on a temporary SQLite file or on PostgreSQL.
import { afterEach } from 'vitest';
import { openServer, type RunningServer } from '../../server/index';
import type { Role } from '../../main/domain/sync-protocol';
import { freshPostgresUrl } from './postgres';
import { tempDir } from './temp-dir';

const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
});

/** The two databases a server runs on, for `describe.each`: a name, and `startSyncServer`'s options. */
export const SERVER_KINDS: [string, () => Promise<{ databaseUrl?: string }>][] = [
  ['SQLite', async () => ({})],
  ['PostgreSQL', async () => ({ databaseUrl: await freshPostgresUrl() })],
];

export interface TestServer {
  url: string;
  server: RunningServer;
  addUser(username: string, role: Role, projectId?: string, password?: string): Promise<string>;
}

export async function startSyncServer(
  options: {
    databaseUrl?: string;
    dataDir?: string;
    now?: () => number;
    loginPerMinute?: number;
  } = {},
): Promise<TestServer> {
  const server = await openServer({
    dataDir: options.dataDir ?? tempDir('haitai-server-'),
    databaseUrl: options.databaseUrl,
    loginPerMinute: options.loginPerMinute ?? 1000,
    ...(options.now ? { now: options.now } : {}),
  });
  running.push(server);
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    server,
    addUser: (username, role, projectId = '*', password = 'correct horse battery') =>
      server.store.createUser({
        username,
        password,
        isAdmin: role === 'admin',
        memberships: [{ projectId, role }],
      }),
  };
}

export const PASSWORD = 'correct horse battery';
