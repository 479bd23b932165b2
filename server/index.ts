// Opens the sync server over SQLite (a file in the data folder, no setup) or PostgreSQL
// (DATABASE_URL), ready to listen.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { FastifyInstance } from 'fastify';
import { createSqliteKnex } from '../db/sqlite';
import { FolderBlobStore } from '../db/blob-store';
import { buildServer } from './app';
import {
  ABANDONED_UPLOAD_MS,
  databaseServerBlobs,
  folderServerBlobs,
  type ServerBlobs,
} from './blobs';
import { collectServerFiles } from './file-collector';
import { DEFAULT_FILE_RETENTION_DAYS } from '../main/domain/file-retention';
import { localNotifier, postgresNotifier, type ChangeNotifier } from './notifier';
import { openServerStore, type ServerStore } from './store';

export interface OpenServerOptions {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  /** With PostgreSQL: keep attachments' files in this folder (a shared mount) instead. */
  blobDir?: string | undefined;
  logger?: boolean | NodeJS.WritableStream;
  loginPerMinute?: number;
  /** The reverse proxies whose X-Forwarded-For names the client's address. */
  trustProxy?: string[];
  /** The most one project may store, in bytes (its log and its files). */
  quotaBytes?: number;
  /**
   * Files no row has named this many days are collected, once a day (default 30); 0: never
   * (the CLI's one-off commands open the server that way).
   */
  fileRetentionDays?: number;
  /** scrypt's cost for new passwords: the tests' servers lower it; nothing else sets it. */
  passwordCost?: number;
  now?: () => number;
}

export interface RunningServer {
  app: FastifyInstance;
  store: ServerStore;
  blobs: ServerBlobs;
  /** Who is listening for a project's changes in this process (the tests wait for a laptop). */
  notifier: Pick<ChangeNotifier, 'listeners'>;
  close(): Promise<void>;
}

function postgresKnex(url: string): Knex {
  return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
}

export async function openServer(options: OpenServerOptions): Promise<RunningServer> {
  let knex: Knex;
  if (options.databaseUrl) {
    knex = postgresKnex(options.databaseUrl);
  } else {
    const dir = options.dataDir ?? '.';
    fs.mkdirSync(dir, { recursive: true });
    knex = createSqliteKnex({ filename: path.join(dir, 'haitai-server.sqlite') });
  }
  const store = await openServerStore(
    knex,
    options.databaseUrl ? 'postgres' : 'sqlite',
    options.now,
    options.quotaBytes,
    options.passwordCost,
  );
  const notifier = options.databaseUrl
    ? await postgresNotifier(knex, options.databaseUrl)
    : localNotifier();
  const blobFolder = options.databaseUrl
    ? options.blobDir
    : path.join(options.dataDir ?? '.', 'blobs');
  const blobs = blobFolder
    ? folderServerBlobs(knex, new FolderBlobStore(blobFolder), options.now)
    : databaseServerBlobs(knex, options.now);
  // Uploads abandoned for a day are removed, at start and every hour; files no row names, once a
  // day. A failure waits for the next round (the server's log says why).
  const retentionDays = options.fileRetentionDays ?? DEFAULT_FILE_RETENTION_DAYS;
  const now = options.now ?? Date.now;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = (async () => {
      await blobs.removeAbandoned(ABANDONED_UPLOAD_MS);
      if (retentionDays > 0) await collectDaily(knex, blobs, retentionDays, now);
    })().catch((error: unknown) => app.log.warn({ err: error }, 'file sweep failed'));
  };
  const sweeper = setInterval(sweep, 3600_000);
  sweeper.unref();
  const app = buildServer({
    store,
    blobs,
    notifier,
    logger: options.logger ?? false,
    ...(options.loginPerMinute ? { loginPerMinute: options.loginPerMinute } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(retentionDays > 0 ? { fileRetentionDays: retentionDays } : {}),
    now,
  });
  sweep();
  return {
    app,
    store,
    blobs,
    notifier,
    close: async () => {
      clearInterval(sweeper);
      await sweeping;
      await app.close();
      await notifier.close();
      await store.close();
    },
  };
}

const COLLECTED_AT = 'files_collected_at';

/** Collects files no row names when no server process has in the last day. */
async function collectDaily(
  knex: Knex,
  blobs: ServerBlobs,
  retentionDays: number,
  now: () => number,
): Promise<void> {
  const last = (await knex('meta').where({ key: COLLECTED_AT }).first('value')) as
    { value: string } | undefined;
  if (last && now() - Date.parse(last.value) < 24 * 3600_000) return;
  await knex('meta')
    .insert({ key: COLLECTED_AT, value: new Date(now()).toISOString() })
    .onConflict('key')
    .merge();
  await collectServerFiles(knex, blobs, { retentionDays, now });
}
