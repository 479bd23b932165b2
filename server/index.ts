// Opens the sync server over SQLite (a file in the data folder, no setup) or PostgreSQL
// (DATABASE_URL), ready to listen.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { FastifyInstance } from 'fastify';
import { createSqliteKnex } from '../db/sqlite';
import { FolderBlobStore } from '../db/blob-store';
import { buildServer } from './app';
import { ABANDONED_UPLOAD_MS, databaseServerBlobs, folderServerBlobs } from './blobs';
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
  now?: () => number;
}

export interface RunningServer {
  app: FastifyInstance;
  store: ServerStore;
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
  );
  const notifier = options.databaseUrl
    ? await postgresNotifier(knex, options.databaseUrl)
    : localNotifier();
  const blobFolder = options.databaseUrl
    ? options.blobDir
    : path.join(options.dataDir ?? '.', 'blobs');
  const blobs = blobFolder
    ? folderServerBlobs(knex, new FolderBlobStore(blobFolder))
    : databaseServerBlobs(knex);
  // Uploads abandoned for a day are removed, at start and every hour.
  const sweep = () => blobs.removeAbandoned(ABANDONED_UPLOAD_MS).catch(() => 0);
  void sweep();
  const sweeper = setInterval(() => void sweep(), 3600_000);
  sweeper.unref();
  const app = buildServer({
    store,
    blobs,
    notifier,
    logger: options.logger ?? false,
    ...(options.loginPerMinute ? { loginPerMinute: options.loginPerMinute } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  return {
    app,
    store,
    notifier,
    close: async () => {
      clearInterval(sweeper);
      await app.close();
      await notifier.close();
      await store.close();
    },
  };
}
