// What sync needs of the laptop's data: the database, who writes, the clock, and the one way
// to write. The composition root implements it (main/app/open-store.ts); sync depends on this.
import type { Knex } from 'knex';
import type { ChangeFeed } from '../../db/changes';
import type { SyncedWriter } from '../../db/repositories/synced-writer';
import type { HlcClock } from '../domain/hlc';
import type { LocalRole } from '../domain/roles';

export interface Identity {
  nodeId: string;
  /** The server's user id once signed in; before that, this laptop's own local user. */
  userId: string;
  userName: string;
  /** The role the server gave the signed-in user, kept offline; 'owner' if never signed in. */
  role: LocalRole;
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
  /** Which tables changed: a write tells it, and so does sync after applying what it pulled. */
  changes: ChangeFeed;
}
