// The sync server's data: users, devices and the project logs. Appends are serialized through a
// counter row (locked FOR UPDATE on PostgreSQL; SQLite has one writer), so server_seq is strictly
// increasing and commits in order: a reader following the log never skips a change.
import type { Knex } from 'knex';
import { HlcClock } from '../main/domain/hlc';
import { newId } from '../main/domain/ids';
import { accountStore } from './accounts';
import { logReads } from './log-reads';
import { pushBatch } from './push';
import { migrateServer } from './schema';
import { DEFAULT_QUOTA_BYTES, type Dialect, type ServerStore } from './store-types';

export type { AuthContext, Dialect, ProjectUsage, ServerStore } from './store-types';
export { DEFAULT_QUOTA_BYTES } from './store-types';

export async function openServerStore(
  knex: Knex,
  dialect: Dialect,
  now: () => number = Date.now,
  quotaBytes = DEFAULT_QUOTA_BYTES,
  /** scrypt's cost for new passwords (server/auth.ts; only the tests lower it). */
  passwordCost?: number,
): Promise<ServerStore> {
  await migrateServer(knex);
  // The epoch names this log; a server restored from a backup keeps it, which the clients' own
  // records of what the server acknowledged catch instead (see main/sync).
  let epochRow = await knex('meta').where({ key: 'epoch' }).first();
  if (!epochRow) {
    await knex('meta')
      .insert([
        { key: 'epoch', value: newId() },
        { key: 'seq', value: '0' },
        { key: 'node', value: randomNode() },
      ])
      .onConflict('key')
      .ignore();
    epochRow = await knex('meta').where({ key: 'epoch' }).first();
  }
  const epoch = epochRow.value as string;
  const node =
    ((await knex('meta').where({ key: 'node' }).first())?.value as string) ?? randomNode();
  const clock = new HlcClock(node, now);
  // The server's own ledger rows carry its node as their client id: no device may claim it.
  await knex('client_owners')
    .insert({ client_id: node, user_id: 'server' })
    .onConflict('client_id')
    .ignore();

  const published = new Map<string, { publishedBy: string; publishedAt: string }>();
  const maxSeq = async (db: Knex | Knex.Transaction = knex) =>
    Number((await db('meta').where({ key: 'seq' }).first())?.value ?? 0);

  return {
    knex,
    epoch,
    ...accountStore(knex, now, passwordCost),
    async publication(projectId) {
      // A project once published stays so: every push asks, and the answer is kept.
      const known = published.get(projectId);
      if (known) return known;
      const row = (await knex('published_projects').where({ project_id: projectId }).first()) as
        { published_by: string; published_at: string } | undefined;
      if (!row) return null;
      const publication = { publishedBy: row.published_by, publishedAt: row.published_at };
      published.set(projectId, publication);
      return publication;
    },
    async publish(projectId, userId) {
      await knex('published_projects')
        .insert({
          project_id: projectId,
          published_by: userId,
          published_at: new Date(now()).toISOString(),
        })
        .onConflict('project_id')
        .ignore();
    },
    async push({ projectId, auth, role, clientId, changes }) {
      const user = { id: auth.userId, displayName: auth.displayName };
      const batch = { projectId, user, role, clientId, changes, physical: now() };
      const { own, ...judged } = await pushBatch(knex, { dialect, clock, node, quotaBytes }, batch);
      const answer = { ...judged, server_time: now(), max_seq: await maxSeq(), epoch };
      return own ? { ...answer, own } : answer;
    },
    ...logReads(knex, { epoch, now, maxSeq }),
    quotaBytes,
    usage: usageReader(knex),
    maxSeq: () => maxSeq(),
    close: () => knex.destroy(),
  };
}

/** What each project stores: its log (kept at push) and its files. */
function usageReader(knex: Knex): ServerStore['usage'] {
  return async (projectId) => {
    const logs = (await knex('project_usage')
      .modify((q) => (projectId ? q.where({ project_id: projectId }) : q))
      .select('project_id', 'bytes')) as { project_id: string; bytes: number | string }[];
    const files = (await knex('project_blobs')
      .modify((q) => (projectId ? q.where({ project_id: projectId }) : q))
      .groupBy('project_id')
      .select('project_id', knex.raw('sum(size) as bytes'))) as {
      project_id: string;
      bytes: number | string;
    }[];
    const ids = [...new Set([...logs, ...files].map((r) => r.project_id))].sort();
    return ids.map((id) => ({
      projectId: id,
      logBytes: Number(logs.find((r) => r.project_id === id)?.bytes ?? 0),
      fileBytes: Number(files.find((r) => r.project_id === id)?.bytes ?? 0),
    }));
  };
}

function randomNode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
