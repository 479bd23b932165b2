// A real sync server over HTTP on 127.0.0.1, on a temporary SQLite file or on PostgreSQL.
import { openServer, type RunningServer } from '../../server/index';
import type { Change, Role } from '../../main/domain/sync-protocol';
import { afterThisTest } from './cleanup';
import { freshPostgresUrl } from './postgres';
import { tempDir } from './temp-dir';

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
    trustProxy?: string[];
  } = {},
): Promise<TestServer> {
  const server = await openServer({
    dataDir: options.dataDir ?? tempDir('haitai-server-'),
    databaseUrl: options.databaseUrl,
    loginPerMinute: options.loginPerMinute ?? 1000,
    // Test users' passwords are hashed at a cost of 2^10 (a sign-in takes ~3 ms, not ~40 ms: the
    // suite signs in thousands of times); the hashing itself is tested at the server's cost.
    passwordCost: 1024,
    ...(options.now ? { now: options.now } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  afterThisTest('servers', () => server.close());
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

/**
 * Appends changes to a project's log as they are, judged by nothing: what a newer server (that
 * knows a column this app does not) or a compromised one would send a laptop.
 */
export async function appendUnjudged(
  server: RunningServer,
  projectId: string,
  changes: Change[],
  clientId = '0123456789abcdef',
  userId = 'unjudged',
): Promise<void> {
  await server.store.knex.transaction(async (trx) => {
    let seq = Number((await trx('meta').where({ key: 'seq' }).first()).value);
    for (const c of changes)
      await trx('changes').insert({
        seq: ++seq,
        project_id: projectId,
        client_id: clientId,
        op_id: c.op_id,
        hlc: c.hlc,
        tbl: c.tbl,
        row_id: c.row_id,
        col: c.col,
        value: JSON.stringify(c.value),
        base_hlc: c.base_hlc,
        user_id: userId,
        received_at: new Date().toISOString(),
      });
    await trx('meta')
      .where({ key: 'seq' })
      .update({ value: String(seq) });
  });
}
