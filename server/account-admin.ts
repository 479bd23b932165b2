// The administrator's work on accounts (`haitai user …`): listing users with their storage,
// disabling and enabling them, changing a password, and a user's devices and their revocation.
// A disabled user's tokens stop at once: every request checks the user (accounts.ts).
import type { Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import type { Role } from '../main/domain/sync-protocol';
import { hashPassword } from './auth';

export interface UserSummary {
  username: string;
  displayName: string;
  isAdmin: boolean;
  disabledAt: string | null;
  memberships: { projectId: string; role: Role }[];
  devices: number;
  lastSeenAt: string | null;
}

export interface DeviceSummary {
  id: string;
  name: string;
  clientId: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export function accountAdmin(knex: Knex, now: () => number = Date.now) {
  const userId = async (username: string): Promise<string> => {
    const row = (await knex('users').where({ username }).first('id')) as { id: string } | undefined;
    if (!row) throw new AppError('not_found', { entity: 'user', id: username });
    return row.id;
  };
  const at = () => new Date(now()).toISOString();
  return {
    async listUsers(): Promise<UserSummary[]> {
      const users = (await knex('users').orderBy('username')) as Record<string, unknown>[];
      const grants = (await knex('memberships').select('user_id', 'project_id', 'role')) as {
        user_id: string;
        project_id: string;
        role: Role;
      }[];
      const devices = (await knex('devices')
        .whereNull('revoked_at')
        .groupBy('user_id')
        .select('user_id', knex.raw('count(*) as n'), knex.raw('max(last_seen_at) as seen'))) as {
        user_id: string;
        n: number | string;
        seen: string | null;
      }[];
      return users.map((u) => {
        const own = devices.find((d) => d.user_id === u.id);
        return {
          username: String(u.username),
          displayName: String(u.display_name),
          isAdmin: Number(u.is_admin) === 1,
          disabledAt: (u.disabled_at as string | null) ?? null,
          memberships: grants
            .filter((g) => g.user_id === u.id)
            .map((g) => ({ projectId: g.project_id, role: g.role })),
          devices: Number(own?.n ?? 0),
          lastSeenAt: own?.seen ?? null,
        };
      });
    },

    /** Disables (or enables again) a user; a disabled user's every token stops at once. */
    async setDisabled(username: string, disabled: boolean): Promise<void> {
      await knex('users')
        .where({ id: await userId(username) })
        .update({ disabled_at: disabled ? at() : null });
    },

    /** Sets a new password and revokes the user's devices: each laptop signs in again. */
    async setPassword(username: string, password: string): Promise<number> {
      if (password.length < 8)
        throw new AppError('cli.invalid_option', {
          reason: 'a password needs 8 characters or more',
        });
      const id = await userId(username);
      await knex('users')
        .where({ id })
        .update({ password_hash: await hashPassword(password) });
      return knex('devices')
        .where({ user_id: id })
        .whereNull('revoked_at')
        .update({ revoked_at: at() });
    },

    async devices(username: string): Promise<DeviceSummary[]> {
      const rows = (await knex('devices')
        .where({ user_id: await userId(username) })
        .orderBy('created_at')) as Record<string, string | null>[];
      return rows.map((d) => ({
        id: d.id!,
        name: d.name!,
        clientId: d.client_id ?? null,
        createdAt: d.created_at!,
        lastSeenAt: d.last_seen_at ?? null,
        revokedAt: d.revoked_at ?? null,
      }));
    },
  };
}
