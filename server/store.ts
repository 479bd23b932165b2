// The sync server's data: users, devices and the project logs. Appends are serialized through a
// counter row (locked FOR UPDATE on PostgreSQL; SQLite has one writer), so server_seq is strictly
// increasing and commits in order: a reader following the log never skips a change.
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import { HlcClock } from '../main/domain/hlc';
import { newId } from '../main/domain/ids';
import type {
  Change,
  CellValue,
  ClientStateResponse,
  PullResponse,
  PushResponse,
  Role,
  ServerChange,
  SnapshotResponse,
  SnapshotRow,
} from '../main/domain/sync-protocol';
import { hashPassword, hashToken, newToken, verifyPassword } from './auth';
import { pushBatch } from './push';
import { migrateServer } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  deviceId: string;
  isAdmin: boolean;
}

const decode = (text: string | null): CellValue =>
  text === null ? null : (JSON.parse(text) as CellValue);

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
  login(input: { username: string; password: string; deviceName: string }): Promise<{
    token: string;
    deviceId: string;
    user: AuthContext;
    projects: { project_id: string; role: Role }[];
  }>;
  authenticate(token: string): Promise<AuthContext | null>;
  revokeDevice(deviceId: string): Promise<boolean>;
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
  clientState(projectId: string, clientId: string): Promise<ClientStateResponse>;
  maxSeq(): Promise<number>;
  close(): Promise<void>;
}

export async function openServerStore(
  knex: Knex,
  dialect: Dialect,
  now: () => number = Date.now,
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

  const maxSeq = async (db: Knex | Knex.Transaction = knex) =>
    Number((await db('meta').where({ key: 'seq' }).first())?.value ?? 0);

  async function memberships(userId: string) {
    return (await knex('memberships').where({ user_id: userId }).select('project_id', 'role')) as {
      project_id: string;
      role: Role;
    }[];
  }

  return {
    knex,
    epoch,
    async createUser({
      username,
      password,
      displayName,
      isAdmin = false,
      memberships: grants = [],
    }) {
      const id = newId();
      await knex.transaction(async (trx) => {
        await trx('users').insert({
          id,
          username,
          display_name: displayName ?? username,
          password_hash: await hashPassword(password),
          is_admin: isAdmin ? 1 : 0,
          created_at: new Date(now()).toISOString(),
        });
        const rows = [
          ...grants.map((g) => ({ user_id: id, project_id: g.projectId, role: g.role })),
          ...(isAdmin ? [{ user_id: id, project_id: '*', role: 'admin' }] : []),
        ];
        if (rows.length)
          await trx('memberships').insert(rows).onConflict(['user_id', 'project_id']).merge();
      });
      return id;
    },
    async countUsers() {
      return Number((await knex('users').count({ n: '*' }))[0]!.n);
    },
    async login({ username, password, deviceName }) {
      const user = await knex('users').where({ username }).whereNull('disabled_at').first();
      // Verify against a dummy hash when the user is unknown, so timing does not reveal names.
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new AppError('auth.invalid', {});
      const token = newToken();
      const deviceId = newId();
      await knex('devices').insert({
        id: deviceId,
        user_id: user.id,
        name: deviceName,
        token_hash: hashToken(token),
        created_at: new Date(now()).toISOString(),
      });
      return {
        token,
        deviceId,
        user: {
          userId: user.id,
          username: user.username,
          displayName: user.display_name,
          deviceId,
          isAdmin: user.is_admin === 1,
        },
        projects: await memberships(user.id),
      };
    },
    async authenticate(token) {
      const row = await knex('devices as d')
        .join('users as u', 'u.id', 'd.user_id')
        .where('d.token_hash', hashToken(token))
        .whereNull('d.revoked_at')
        .whereNull('u.disabled_at')
        .first(
          'd.id as device_id',
          'u.id as user_id',
          'u.username',
          'u.display_name',
          'u.is_admin',
        );
      if (!row) return null;
      return {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        deviceId: row.device_id,
        isAdmin: Number(row.is_admin) === 1,
      };
    },
    async revokeDevice(deviceId) {
      return (
        (await knex('devices')
          .where({ id: deviceId })
          .whereNull('revoked_at')
          .update({ revoked_at: new Date(now()).toISOString() })) > 0
      );
    },
    async roleFor(userId, projectId) {
      const rows = (await knex('memberships')
        .where({ user_id: userId })
        .whereIn('project_id', [projectId, '*'])
        .select('project_id', 'role')) as { project_id: string; role: Role }[];
      return (
        rows.find((r) => r.project_id === projectId)?.role ??
        rows.find((r) => r.project_id === '*')?.role ??
        null
      );
    },
    memberships,
    async projects(userId) {
      const grants = await memberships(userId);
      const known = (
        await knex('cells').where({ tbl: 'projects', col: 'code' }).select('project_id')
      ).map((r: { project_id: string }) => r.project_id);
      if (grants.some((g) => g.project_id === '*')) return known;
      return grants.map((g) => g.project_id);
    },

    async push({ projectId, auth, role, clientId, changes }) {
      const { acked, rejected } = await pushBatch(
        knex,
        { dialect, clock, node },
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

    async pull(projectId, since, limit) {
      const rows = await knex('changes')
        .where({ project_id: projectId })
        .andWhere('seq', '>', since)
        .orderBy('seq')
        .limit(limit + 1)
        .select('seq', 'client_id', 'hlc', 'tbl', 'row_id', 'col', 'value');
      const page = rows
        .slice(0, limit)
        .map((r: Record<string, string | number | null>): ServerChange => ({
          seq: Number(r.seq),
          client_id: r.client_id as string,
          hlc: r.hlc as string,
          tbl: r.tbl as string,
          row_id: r.row_id as string,
          col: r.col as string,
          value: decode(r.value as string | null),
        }));
      return {
        changes: page,
        next: page.length ? page[page.length - 1]!.seq : since,
        has_more: rows.length > limit,
        max_seq: await maxSeq(),
        epoch,
        server_time: now(),
      };
    },

    async snapshot(projectId, asOf, cursor, limit) {
      const position = asOf ?? (await maxSeq());
      let after: [string, string] | null = null;
      if (cursor) {
        try {
          const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
          if (
            Array.isArray(parsed) &&
            parsed.length === 2 &&
            parsed.every((x) => typeof x === 'string')
          ) {
            after = parsed as [string, string];
          }
        } catch {
          after = null;
        }
        if (!after)
          throw new AppError('input.invalid', {
            issues: [{ path: 'cursor', message: 'not a snapshot cursor' }],
          });
      }
      const query = knex('cells').where({ project_id: projectId });
      // A row-value comparison walks the primary key (project, table, row, column) from the cursor.
      if (after) query.andWhereRaw('(tbl, row_id) > (?, ?)', after);
      const cells: Record<string, string | null>[] = await query
        .orderBy([{ column: 'tbl' }, { column: 'row_id' }, { column: 'col' }])
        .limit(limit + 1)
        .select('tbl', 'row_id', 'col', 'value', 'hlc');
      // Whole rows only: a row cut by the limit goes in the next chunk.
      const more = cells.length > limit;
      let page = cells.slice(0, limit);
      if (more) {
        const cut = cells[limit]!;
        const trimmed = page.filter((c) => !(c.tbl === cut.tbl && c.row_id === cut.row_id));
        if (trimmed.length) page = trimmed;
      }
      const rows: SnapshotRow[] = [];
      for (const c of page) {
        let row = rows[rows.length - 1];
        if (!row || row.tbl !== c.tbl || row.row_id !== c.row_id) {
          row = { tbl: c.tbl!, row_id: c.row_id!, hlc: c.hlc!, values: {} };
          rows.push(row);
        }
        row.values[c.col!] = decode(c.value ?? null);
        if (c.hlc! !== row.hlc) (row.hlcs ??= {})[c.col!] = c.hlc!;
      }
      const last = rows[rows.length - 1];
      const total = cursor
        ? -1
        : Number((await knex('cells').where({ project_id: projectId }).count({ n: '*' }))[0]!.n);
      return {
        as_of: position,
        rows,
        cursor:
          more && last
            ? Buffer.from(JSON.stringify([last.tbl, last.row_id])).toString('base64url')
            : null,
        total,
        epoch,
      };
    },

    async clientState(projectId, clientId) {
      const row = await knex('changes')
        .where({ project_id: projectId, client_id: clientId })
        .max({ m: 'op_id' })
        .first();
      return { last_op_id: Number(row?.m ?? 0), max_seq: await maxSeq(), epoch };
    },
    maxSeq: () => maxSeq(),
    close: () => knex.destroy(),
  };
}

function randomNode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

// A real scrypt hash of a random password, used when the username is unknown.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
