// Tells connected laptops that a project has new changes. One process: an in-memory emitter.
// Several processes on PostgreSQL: NOTIFY on push and LISTEN in every process, so a laptop
// connected to any process hears of a change pushed to any other at once.
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import pg from 'pg';

export interface ChangeNotifier {
  publish(projectId: string, maxSeq: number): Promise<void>;
  subscribe(projectId: string, listener: (maxSeq: number) => void): () => void;
  /** How many laptops of this process are listening to a project now. */
  listeners(projectId: string): number;
  close(): Promise<void>;
}

const CHANNEL = 'haitai_changes';

function emitter() {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    events,
    subscribe(projectId: string, listener: (maxSeq: number) => void) {
      events.on(projectId, listener);
      return () => void events.off(projectId, listener);
    },
    listeners: (projectId: string) => events.listenerCount(projectId),
  };
}

export function localNotifier(): ChangeNotifier {
  const { events, subscribe, listeners } = emitter();
  return {
    publish: async (projectId, maxSeq) => void events.emit(projectId, maxSeq),
    subscribe,
    listeners,
    close: async () => void events.removeAllListeners(),
  };
}

/**
 * NOTIFY/LISTEN over one dedicated connection per process; if it drops (a database restart),
 * it listens again, and laptops that missed a notice still sync on their own schedule.
 */
export async function postgresNotifier(
  knex: Knex,
  databaseUrl: string,
  log: (message: string, error?: unknown) => void = () => {},
): Promise<ChangeNotifier> {
  const { events, subscribe, listeners } = emitter();
  let client: pg.Client | null = null;
  let closed = false;
  const listen = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      const [projectId, seq] = (message.payload ?? '').split(':');
      if (projectId && seq) events.emit(projectId, Number(seq));
    });
    const retry = (error?: unknown) => {
      if (closed || client !== next) return;
      log('notification listener lost; listening again', error);
      client = null;
      setTimeout(() => void listen().catch((e: unknown) => retry(e)), 1000).unref();
    };
    next.on('error', retry);
    next.on('end', () => retry());
    client = next;
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
  };
  await listen();
  return {
    publish: async (projectId, maxSeq) => {
      await knex.raw('SELECT pg_notify(?, ?)', [CHANNEL, `${projectId}:${maxSeq}`]);
    },
    subscribe,
    listeners,
    close: async () => {
      closed = true;
      events.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}
