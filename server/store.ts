// The sync server's data: users, devices and the project logs. Appends are serialized through a
// counter row (locked FOR UPDATE on PostgreSQL; SQLite has one writer), so server_seq is strictly
// increasing and commits in order: a reader following the log never skips a change.
import type { Knex } from 'knex';
import { HlcClock } from '../main/domain/hlc';
import { newId } from '../main/domain/ids';
import type {
  Change,
  ClientStateResponse,
  PullResponse,
  PushResponse,
  Role,
  SnapshotResponse,
} from '../main/domain/sync-protocol';
import { accountStore } from './accounts';
import { logReads } from './log-reads';
import { pushBatch } from './push';
import { migrateServer } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  deviceId: string;
  /** The client id this device pushes under (bound at sign-in, or at its first push). */
  clientId: string | null;
  isAdmin: boolean;
  /** The hash of the token this request came with. */
  tokenHash: string;
}

export interface ProjectUsage {
  projectId: string;
  logBytes: number;
  fileBytes: number;
}

/** A project's storage quota unless the operator gives another (--project-quota-mb). */
export const DEFAULT_QUOTA_BYTES = 20 * 1024 ** 3;

export interface ServerStore {
  knex: Knex;
  epoch: string;
  createUser(input: {
    username: string;
    password: string;
    displayName?: string;
    isAdmin?: boolean;
    memberships?: { projectId: string; role: Role }[];
  }): Promise<string>;
  countUsers(): Promise<number>;
  login(input: {
    username: string;
    password: string;
    deviceName: string;
    clientId?: string | undefined;
    /** The token this laptop held before, proof that it is the laptop of that client id. */
    previousToken?: string | undefined;
  }): Promise<{
    token: string;
    deviceId: string;
    user: AuthContext;
    projects: { project_id: string; role: Role }[];
  }>;
  authenticate(token: string): Promise<AuthContext | null>;
  /** A new token for the device; the one in use stays good until the new one is first used. */
  rotateToken(auth: AuthContext): Promise<string>;
  revokeDevice(deviceId: string): Promise<boolean>;
  /** Refuses (sync.client_taken) a client id that is not this device's own. */
  bindClient(auth: AuthContext, clientId: string): Promise<void>;
  /** Who published the project, or null when no manager has yet. */
  publication(projectId: string): Promise<{ publishedBy: string; publishedAt: string } | null>;
  publish(projectId: string, userId: string): Promise<void>;
  roleFor(userId: string, projectId: string): Promise<Role | null>;
  memberships(userId: string): Promise<{ project_id: string; role: Role }[]>;
  projects(userId: string): Promise<string[]>;
  push(input: {
    projectId: string;
    auth: AuthContext;
    role: Role;
    clientId: string;
    changes: Change[];
  }): Promise<PushResponse>;
  pull(projectId: string, since: number, limit: number): Promise<PullResponse>;
  snapshot(
    projectId: string,
    asOf: number | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<SnapshotResponse>;
  /** The same chunk as SnapshotColumnsResponse, already JSON text. */
  snapshotColumns(
    projectId: string,
    asOf: number | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<string>;
  clientState(projectId: string, clientId: string): Promise<ClientStateResponse>;
  /** The most a project may store (its log and its files), in bytes. */
  quotaBytes: number;
  /** What each project stores, for the administrator and the quota. */
  usage(projectId?: string): Promise<ProjectUsage[]>;
  maxSeq(): Promise<number>;
  close(): Promise<void>;
}

export async function openServerStore(
  knex: Knex,
  dialect: Dialect,
  now: () => number = Date.now,
  quotaBytes = DEFAULT_QUOTA_BYTES,
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
    ...accountStore(knex, now),
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
      const { acked, rejected } = await pushBatch(
        knex,
        { dialect, clock, node, quotaBytes },
        {
          projectId,
          user: { id: auth.userId, displayName: auth.displayName },
          role,
          clientId,
          changes,
          physical: now(),
        },
      );
      return { acked, rejected, server_time: now(), max_seq: await maxSeq(), epoch };
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
