// The database plus who is writing and with which clock: the one object services write through.
import type { Knex } from 'knex';
import { mapSqliteError } from '../../db/errors';
import { createSyncedWriter, type SyncedWriter } from '../../db/repositories/synced-writer';
import { HlcClock, newNodeId } from '../domain/hlc';
import { newId } from '../domain/ids';

export type Role = 'engineer' | 'manager' | 'viewer' | 'admin';

export interface Identity {
  nodeId: string;
  userId: string;
  userName: string;
  role: Role;
  deviceId: string;
}

export interface Store {
  db: Knex;
  file: string;
  identity: Identity;
  clock: HlcClock;
  now: () => Date;
  /** Runs fn in one transaction whose writes all go through the synced writer. */
  write<T>(fn: (writer: SyncedWriter) => Promise<T>): Promise<T>;
  /** Called after every committed write (sync schedules a push from it). */
  onWrite(listener: () => void): () => void;
}

/** Remote stamps up to a day ahead are taken as they come: the server has already refused any
 * further ahead of its own clock, and a laptop whose clock is behind must still catch up. */
const RECEIVE_DRIFT_MS = 24 * 60 * 60 * 1000;

async function getSetting(db: Knex, key: string): Promise<string | null> {
  const row = await db('local_settings').where({ key }).first();
  return (row?.value as string | undefined) ?? null;
}

async function setSetting(db: Knex | Knex.Transaction, key: string, value: string): Promise<void> {
  await db('local_settings').insert({ key, value }).onConflict('key').merge();
}

export async function openStore(db: Knex, file: string, now: () => Date): Promise<Store> {
  let nodeId = await getSetting(db, 'node_id');
  if (!nodeId) {
    nodeId = newNodeId();
    await setSetting(db, 'node_id', nodeId);
  }
  // The clock resumes after the latest stamp this device has written or seen.
  const latestCell = await db('cell_versions')
    .max<{ hlc: string | null }[]>({ hlc: 'hlc' })
    .first();
  const latestRow = await db('row_versions').max<{ hlc: string | null }[]>({ hlc: 'hlc' }).first();
  const latest = {
    hlc:
      [latestCell?.hlc, latestRow?.hlc]
        .filter((h): h is string => Boolean(h))
        .sort()
        .pop() ?? null,
  };
  const clock = new HlcClock(nodeId, () => now().getTime(), latest?.hlc ?? null, RECEIVE_DRIFT_MS);
  const listeners = new Set<() => void>();

  const identity: Identity = { nodeId, userId: '', userName: '', role: 'engineer', deviceId: '' };
  const write = async <T>(fn: (writer: SyncedWriter) => Promise<T>): Promise<T> => {
    try {
      const result = await db.transaction((trx) =>
        fn(createSyncedWriter(trx, { stamp: () => clock.tick(), actor: identity.userId, now })),
      );
      for (const listener of listeners) listener();
      return result;
    } catch (error) {
      throw mapSqliteError(error, file) ?? error;
    }
  };

  // A local identity until sync brings real accounts: one engineer and this device.
  let userId = await getSetting(db, 'user_id');
  if (!userId) {
    const user = { id: newId(), name: '现场工程师', role: 'engineer' as Role };
    const device = { id: newId(), user_id: user.id, name: 'this laptop', node_id: nodeId };
    identity.userId = user.id;
    await write(async (w) => {
      await w.insert('users', user);
      await w.insert('devices', device);
      await setSetting(w.trx, 'user_id', user.id);
      await setSetting(w.trx, 'device_id', device.id);
    });
    userId = user.id;
  }
  const user = await db('users').where({ id: userId }).first();
  identity.userId = userId;
  identity.userName = (user?.name as string | undefined) ?? '';
  identity.role = (user?.role as Role | undefined) ?? 'engineer';
  identity.deviceId = (await getSetting(db, 'device_id')) ?? '';
  const onWrite = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { db, file, identity, clock, now, write, onWrite };
}
