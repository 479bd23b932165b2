// The database plus who is writing and with which clock: the one object features write through.
import type { Knex } from 'knex';
import { createChangeFeed, type ChangeFeed } from '../../db/changes';
import { mapSqliteError } from '../../db/errors';
import { getSetting, getSettings, setSettings } from '../../db/repositories/settings-repository';
import { localUserName } from '../../db/repositories/people-repository';
import { newestVersion } from '../../db/repositories/sync-repository';
import { createSyncedWriter, type SyncedWriter } from '../../db/repositories/synced-writer';
import { HlcClock, newNodeId } from '../domain/hlc';
import { newId } from '../domain/ids';
import type { LocalRole } from '../domain/roles';
import { SYNC_KEYS as KEYS } from '../sync/settings-keys';
import type { Identity, Store } from '../sync/store';

/** Remote stamps up to a day ahead are taken as they come: the server has already refused any
 * further ahead of its own clock, and a laptop whose clock is behind must still catch up. */
const RECEIVE_DRIFT_MS = 24 * 60 * 60 * 1000;

/** The user this laptop last signed in to a server as, kept after signing out (roles hold offline). */
async function signedInUser(
  db: Knex,
): Promise<{ id: string; name: string; role: LocalRole } | null> {
  const settings = await getSettings(db, [KEYS.userId, KEYS.displayName, KEYS.role]);
  const role = settings.get(KEYS.role);
  if (!role) return null;
  return {
    id: settings.get(KEYS.userId) ?? '',
    name: settings.get(KEYS.displayName) ?? '',
    role: role as LocalRole,
  };
}

export async function openStore(
  db: Knex,
  file: string,
  now: () => Date,
  changes: ChangeFeed = createChangeFeed(),
): Promise<Store> {
  let nodeId = await getSetting(db, 'node_id');
  if (!nodeId) {
    nodeId = newNodeId();
    await setSettings(db, { node_id: nodeId });
  }
  // The clock resumes after the latest stamp this device has written or seen.
  const latest = await newestVersion(db);
  const clock = new HlcClock(nodeId, () => now().getTime(), latest, RECEIVE_DRIFT_MS);
  const listeners = new Set<() => void>();

  const identity: Identity = { nodeId, userId: '', userName: '', role: 'owner', deviceId: '' };
  const write = async <T>(fn: (writer: SyncedWriter) => Promise<T>): Promise<T> => {
    try {
      let touched: ReadonlySet<string> = new Set();
      const result = await db.transaction((trx) => {
        const writer = createSyncedWriter(trx, {
          stamp: () => clock.tick(),
          actor: identity.userId,
          now,
          role: () => identity.role,
        });
        touched = writer.touched;
        return fn(writer);
      });
      changes.changed(touched);
      for (const listener of listeners) listener();
      return result;
    } catch (error) {
      throw mapSqliteError(error, file) ?? error;
    }
  };

  // A local identity until sync brings real accounts: one engineer and this device.
  let userId = await getSetting(db, 'user_id');
  if (!userId) {
    const user = { id: newId(), name: '现场工程师', role: 'owner' };
    const device = { id: newId(), user_id: user.id, name: 'this laptop', node_id: nodeId };
    identity.userId = user.id;
    await write(async (w) => {
      await w.insert('users', user);
      await w.insert('devices', device);
      await setSettings(w.trx, { user_id: user.id, device_id: device.id });
    });
    userId = user.id;
  }
  const signedIn = await signedInUser(db);
  identity.userId = signedIn?.id || userId;
  identity.userName = signedIn?.name ?? (await localUserName(db, userId)) ?? '';
  identity.role = signedIn?.role ?? 'owner';
  identity.deviceId = (await getSetting(db, 'device_id')) ?? '';
  const onWrite = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { db, file, identity, clock, now, write, onWrite, changes };
}
