// The sync server's data: users, devices and the project logs. Appends are serialized through a
// counter row (locked FOR UPDATE on PostgreSQL; SQLite has one writer), so server_seq is strictly
// increasing and commits in order: a reader following the log never skips a change.
import { chunks } from '../main/domain/chunks';
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import { decodeHlc, HlcClock, MAX_CLOCK_AHEAD_MS } from '../main/domain/hlc';
import { newId } from '../main/domain/ids';
import { refusalFor } from '../main/domain/roles';
import { AUDIT_COLUMNS } from '../main/domain/sync-protocol';
import type {
  Change,
  CellValue,
  ClientStateResponse,
  PullResponse,
  PushResponse,
  RejectedChange,
  Role,
  ServerChange,
  SnapshotResponse,
  SnapshotRow,
} from '../main/domain/sync-protocol';
import { hashPassword, hashToken, newToken, verifyPassword } from './auth';
import { migrateServer } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  deviceId: string;
  isAdmin: boolean;
}

const encode = (value: CellValue) => JSON.stringify(value);
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
      const physical = now();
      for (const change of changes) {
        const ts = decodeHlc(change.hlc);
        if (!ts)
          throw new AppError('input.invalid', {
            issues: [{ path: 'changes.hlc', message: 'not an HLC stamp' }],
          });
        if (ts.millis - physical > MAX_CLOCK_AHEAD_MS) {
          // Nothing is accepted with a bad stamp: the laptop's clock must be put right first.
          throw new AppError('sync.clock_drift', {
            aheadMs: ts.millis - physical,
            stamp: change.hlc,
          });
        }
      }
      const acked: number[] = [];
      const rejected: RejectedChange[] = [];
      await knex.transaction(async (trx) => {
        const counter = trx('meta').where({ key: 'seq' });
        const seqRow =
          dialect === 'postgres' ? await counter.forUpdate().first() : await counter.first();
        let seq = Number(seqRow.value);
        const receivedAt = new Date(physical).toISOString();

        // Everything the batch needs to know is read up front, in a few queries.
        const seen = new Set<number>();
        for (const part of chunks(
          changes.map((c) => c.op_id),
          500,
        )) {
          const rows = await trx('changes')
            .where({ client_id: clientId })
            .whereIn('op_id', part)
            .select('op_id');
          for (const r of rows as { op_id: string | number }[]) seen.add(Number(r.op_id));
        }
        const cellKey = (tbl: string, rowId: string, col: string) =>
          `${tbl}\u0000${rowId}\u0000${col}`;
        const cells = new Map<string, StoredCell>();
        const wanted = unique(
          changes.map((c) => [c.tbl, c.row_id, c.col] as [string, string, string]),
        );
        const owners = unique(
          changes
            .filter((c) => c.tbl !== 'projects')
            .map((c) => [c.tbl, c.row_id, 'project_id'] as [string, string, string]),
        );
        for (const part of chunks([...wanted, ...owners], 300)) {
          const rows = await trx('cells')
            .whereIn(['tbl', 'row_id', 'col'], part)
            .select('project_id', 'tbl', 'row_id', 'col', 'value', 'hlc', 'client_id', 'user_id');
          for (const r of rows as (StoredCell & {
            project_id: string;
            tbl: string;
            row_id: string;
            col: string;
          })[]) {
            if (r.project_id === projectId || r.col === 'project_id')
              cells.set(
                `${r.project_id === projectId ? '' : 'other:'}${cellKey(r.tbl, r.row_id, r.col)}`,
                r,
              );
          }
        }
        const rowProject = new Map<string, string>();
        for (const [k, cell] of cells) {
          const [tbl, rowId, col] = k.replace(/^other:/, '').split('\u0000');
          if (col === 'project_id')
            rowProject.set(`${tbl}\u0000${rowId}`, decode(cell.value) as string);
        }
        for (const c of changes)
          if (c.col === 'project_id' && typeof c.value === 'string')
            rowProject.set(`${c.tbl}\u0000${c.row_id}`, c.value);
        const names = new Map<string, string>([[auth.userId, auth.displayName]]);
        const nameOf = async (userId: string) => {
          if (!names.has(userId))
            names.set(
              userId,
              ((await trx('users').where({ id: userId }).first('display_name'))?.display_name as
                string | undefined) ?? userId,
            );
          return names.get(userId)!;
        };

        const logRows: Record<string, unknown>[] = [];
        const dirty = new Map<string, Record<string, unknown>>();
        const append = (c: {
          client_id: string;
          op_id: number;
          hlc: string;
          tbl: string;
          row_id: string;
          col: string;
          value: CellValue;
          base_hlc: string | null;
          user_id: string;
        }) => {
          seq += 1;
          const value = encode(c.value);
          logRows.push({
            seq,
            project_id: projectId,
            client_id: c.client_id,
            op_id: c.op_id,
            hlc: c.hlc,
            tbl: c.tbl,
            row_id: c.row_id,
            col: c.col,
            value,
            base_hlc: c.base_hlc,
            user_id: c.user_id,
            received_at: receivedAt,
          });
          const k = cellKey(c.tbl, c.row_id, c.col);
          const current = cells.get(k);
          // Last writer wins per cell; the HLC string orders by time, then counter, then node.
          if (!current || c.hlc > current.hlc) {
            const cell = { value, hlc: c.hlc, client_id: c.client_id, user_id: c.user_id };
            cells.set(k, cell);
            dirty.set(k, {
              project_id: projectId,
              tbl: c.tbl,
              row_id: c.row_id,
              col: c.col,
              seq,
              ...cell,
            });
          }
        };

        for (const change of changes) {
          if (seen.has(change.op_id)) {
            acked.push(change.op_id);
            continue;
          }
          const owner =
            change.tbl === 'projects'
              ? change.row_id
              : (rowProject.get(`${change.tbl}\u0000${change.row_id}`) ?? null);
          if (owner !== projectId) {
            rejected.push({
              op_id: change.op_id,
              code: 'sync.project_mismatch',
              reason: owner ? `row belongs to project ${owner}` : 'row has no project',
            });
            continue;
          }
          const current = cells.get(cellKey(change.tbl, change.row_id, change.col)) ?? null;
          // The same rule the laptop applies offline: refused alone, the rest of the batch applies.
          // A replay of a cell the server has never held is the project's first laptop publishing
          // its set-up (or a merge's survivor), not a change to what others rely on.
          const refusal = refusalFor(role, change.tbl, change.col, change.value);
          if (refusal && !(change.replay && current === null && role !== 'viewer')) {
            rejected.push({ op_id: change.op_id, code: 'auth.forbidden', reason: refusal });
            continue;
          }
          const overwritesUnseen =
            !change.replay &&
            !AUDIT_COLUMNS.has(change.col) &&
            current !== null &&
            current.hlc !== change.hlc &&
            // Two laptops that wrote the same value (a natural-key row's key cells) did not clash.
            current.value !== encode(change.value) &&
            change.base_hlc !== current.hlc &&
            current.client_id !== clientId;
          append({
            op_id: change.op_id,
            hlc: change.hlc,
            tbl: change.tbl,
            row_id: change.row_id,
            col: change.col,
            value: change.value,
            base_hlc: change.base_hlc,
            client_id: clientId,
            user_id: auth.userId,
          });
          seen.add(change.op_id);
          acked.push(change.op_id);
          if (overwritesUnseen) {
            // A concurrent edit: the writer did not see the value it replaced (or lost to).
            // Both go into the ledger, as server-written cells every replica pulls.
            const incoming = { value: encode(change.value), hlc: change.hlc, by: auth.displayName };
            const previous = {
              value: current.value,
              hlc: current.hlc,
              by: await nameOf(current.user_id),
            };
            const [kept, lost] =
              change.hlc > current.hlc ? [incoming, previous] : [previous, incoming];
            clock.receive(change.hlc > current.hlc ? change.hlc : current.hlc);
            const stamp = clock.tick();
            const ledgerRow = newId();
            const ledger: [string, CellValue][] = [
              ['project_id', projectId],
              ['target_tbl', change.tbl],
              ['target_row', change.row_id],
              ['target_col', change.col],
              ['kept_value', kept.value],
              ['kept_hlc', kept.hlc],
              ['kept_by', kept.by],
              ['lost_value', lost.value],
              ['lost_hlc', lost.hlc],
              ['lost_by', lost.by],
              ['detected_at', receivedAt],
              ['created_at', receivedAt],
              ['updated_at', receivedAt],
              ['updated_by', 'server'],
            ];
            for (const [col, value] of ledger) {
              append({
                client_id: node,
                op_id: seq + 1,
                hlc: stamp,
                tbl: 'conflicts',
                row_id: ledgerRow,
                col,
                value,
                base_hlc: null,
                user_id: 'server',
              });
            }
          }
        }
        for (const part of chunks(logRows, 200)) await trx('changes').insert(part);
        for (const part of chunks([...dirty.values()], 200)) {
          await trx('cells')
            .insert(part)
            .onConflict(['project_id', 'tbl', 'row_id', 'col'])
            .merge(['value', 'hlc', 'seq', 'client_id', 'user_id']);
        }
        await trx('meta')
          .where({ key: 'seq' })
          .update({ value: String(seq) });
      });
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

interface StoredCell {
  value: string | null;
  hlc: string;
  client_id: string;
  user_id: string;
}

function unique(keys: [string, string, string][]): [string, string, string][] {
  const seen = new Map<string, [string, string, string]>();
  for (const k of keys) seen.set(k.join('\u0000'), k);
  return [...seen.values()];
}

function randomNode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

// A real scrypt hash of a random password, used when the username is unknown.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
