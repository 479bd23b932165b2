// The server's accounts: users, their devices (tokens stored hashed) and project memberships.
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import { newId } from '../main/domain/ids';
import type { Role } from '../main/domain/sync-protocol';
import { hashPassword, hashToken, newToken, PASSWORD_COST, verifyPassword } from './auth';
import type { ServerStore } from './store-types';

/** A device token unused this long stops working (the laptop signs in again). */
export const TOKEN_IDLE_MS = 30 * 24 * 3600_000;

type AccountMethods = Pick<
  ServerStore,
  | 'createUser'
  | 'countUsers'
  | 'login'
  | 'authenticate'
  | 'rotateToken'
  | 'revokeDevice'
  | 'bindClient'
  | 'roleFor'
  | 'memberships'
  | 'projects'
>;

/**
 * A client id (the laptop's node id, which stamps its changes) belongs to the first user who
 * signs in or writes with it; another user's device can never push under it. A laptop passes to
 * another user when it proves it is that laptop: it signs in with the token it held (the old
 * device is revoked), or an administrator has revoked the devices that held the id.
 */
async function claimClient(
  knex: Knex,
  clientId: string,
  userId: string,
  previousToken?: string,
): Promise<void> {
  await knex('client_owners')
    .insert({ client_id: clientId, user_id: userId })
    .onConflict('client_id')
    .ignore();
  const owner = (await knex('client_owners').where({ client_id: clientId }).first('user_id')) as
    { user_id: string } | undefined;
  if (owner?.user_id === userId) return;
  const held = (await knex('devices')
    .where({ client_id: clientId, user_id: owner?.user_id ?? '' })
    .select('id', 'token_hash', 'revoked_at')) as {
    id: string;
    token_hash: string;
    revoked_at: string | null;
  }[];
  const proof = previousToken ? hashToken(previousToken) : null;
  const handedOver = held.some((d) => d.token_hash === proof);
  // Released: every device that held it is revoked (signed out, or by an administrator). An id
  // from before ids were bound, held by no device yet, waits for its owner's own laptop.
  const released =
    owner?.user_id !== 'server' && held.length > 0 && held.every((d) => d.revoked_at !== null);
  if (!handedOver && !released) throw new AppError('sync.client_taken', { clientId });
  await knex.transaction(async (trx) => {
    await trx('devices')
      .whereIn(
        'id',
        held.map((d) => d.id),
      )
      .whereNull('revoked_at')
      .update({ revoked_at: new Date().toISOString() });
    await trx('client_owners').where({ client_id: clientId }).update({ user_id: userId });
  });
}

const membershipsOf = (knex: Knex) => async (userId: string) =>
  (await knex('memberships').where({ user_id: userId }).select('project_id', 'role')) as {
    project_id: string;
    role: Role;
  }[];

export function accountStore(
  knex: Knex,
  now: () => number,
  passwordCost = PASSWORD_COST,
): AccountMethods {
  return {
    ...userAccounts(knex, now, passwordCost),
    ...tokens(knex, now),
    ...deviceAccess(knex, now),
  };
}

/** A device's token: who it is, while it is used; and its rotation. */
function tokens(knex: Knex, now: () => number): Pick<ServerStore, 'authenticate' | 'rotateToken'> {
  return {
    async authenticate(token) {
      const hash = hashToken(token);
      const row = await knex('devices as d')
        .join('users as u', 'u.id', 'd.user_id')
        .where((q) => q.where('d.token_hash', hash).orWhere('d.prev_token_hash', hash))
        .whereNull('d.revoked_at')
        .whereNull('u.disabled_at')
        .first(
          'd.id as device_id',
          'd.client_id',
          'd.token_hash',
          'd.prev_token_hash',
          'd.created_at',
          'd.last_seen_at',
          'u.id as user_id',
          'u.username',
          'u.display_name',
          'u.is_admin',
        );
      if (!row) return null;
      const t = now();
      const seen = Date.parse(row.last_seen_at ?? row.created_at);
      // A token left unused longer than the idle period stops for good: sign in again.
      if (t - seen > TOKEN_IDLE_MS) {
        await knex('devices')
          .where({ id: row.device_id })
          .update({ revoked_at: new Date(t).toISOString() });
        return null;
      }
      const changes: Record<string, string | null> = {};
      // The rotated token's first use ends its predecessor.
      if (row.token_hash === hash && row.prev_token_hash) changes.prev_token_hash = null;
      if (!(t - seen < 60_000)) changes.last_seen_at = new Date(t).toISOString();
      if (Object.keys(changes).length)
        await knex('devices').where({ id: row.device_id }).update(changes);
      return {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        deviceId: row.device_id,
        clientId: row.client_id ?? null,
        isAdmin: Number(row.is_admin) === 1,
        tokenHash: hash,
      };
    },
    async rotateToken(auth) {
      const token = newToken();
      // The token this request came with stays good until the new one is used, whichever it was.
      await knex('devices')
        .where({ id: auth.deviceId })
        .update({
          prev_token_hash: auth.tokenHash,
          token_hash: hashToken(token),
          token_issued_at: new Date(now()).toISOString(),
        });
      return token;
    },
  };
}

/** Creating users and signing their devices in. */
function userAccounts(
  knex: Knex,
  now: () => number,
  passwordCost: number,
): Pick<ServerStore, 'createUser' | 'countUsers' | 'login'> {
  const memberships = membershipsOf(knex);
  return {
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
          password_hash: await hashPassword(password, passwordCost),
          is_admin: isAdmin ? 1 : 0,
          created_at: new Date(now()).toISOString(),
        });
        // One row a project (PostgreSQL refuses an insert that names one twice): the last wins.
        const byProject = new Map<string, string>(grants.map((g) => [g.projectId, g.role]));
        if (isAdmin) byProject.set('*', 'admin');
        const rows = [...byProject].map(([project_id, role]) => ({
          user_id: id,
          project_id,
          role,
        }));
        if (rows.length)
          await trx('memberships').insert(rows).onConflict(['user_id', 'project_id']).merge();
      });
      return id;
    },
    async countUsers() {
      return Number((await knex('users').count({ n: '*' }))[0]!.n);
    },
    async login({ username, password, deviceName, clientId, previousToken }) {
      const user = await knex('users').where({ username }).whereNull('disabled_at').first();
      // Verify against a dummy hash when the user is unknown, so timing does not reveal names.
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new AppError('auth.invalid', {});
      if (clientId) await claimClient(knex, clientId, user.id, previousToken);
      const token = newToken();
      const deviceId = newId();
      await knex('devices').insert({
        id: deviceId,
        user_id: user.id,
        name: deviceName,
        token_hash: hashToken(token),
        created_at: new Date(now()).toISOString(),
        token_issued_at: new Date(now()).toISOString(),
        client_id: clientId ?? null,
      });
      return {
        token,
        deviceId,
        user: {
          userId: user.id,
          username: user.username,
          displayName: user.display_name,
          deviceId,
          clientId: clientId ?? null,
          isAdmin: user.is_admin === 1,
          tokenHash: hashToken(token),
        },
        projects: await memberships(user.id),
      };
    },
  };
}

/** A device's token, and what its user may see. */
function deviceAccess(
  knex: Knex,
  now: () => number,
): Pick<ServerStore, 'revokeDevice' | 'bindClient' | 'roleFor' | 'memberships' | 'projects'> {
  const memberships = membershipsOf(knex);
  return {
    async bindClient(auth, clientId) {
      if (auth.clientId === clientId) return;
      // A device signed in before client ids were bound takes the first one it pushes with.
      if (auth.clientId) throw new AppError('sync.client_taken', { clientId });
      await claimClient(knex, clientId, auth.userId);
      await knex('devices').where({ id: auth.deviceId }).update({ client_id: clientId });
      auth.clientId = clientId;
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
  };
}

// A real scrypt hash of a random password, used when the username is unknown.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
