// Opens everything a running app needs over one data directory: the database (migrated), the demo
// project when there is no data yet, and the API handlers. Used by Electron, the HTTP bridge,
// the CLI and tests alike.
import path from 'node:path';
import type { Knex } from 'knex';
import { openAppDatabase } from '../../db/connection';
import type { ChangeFeed } from '../../db/changes';
import { AppError } from '../domain/errors';
import type { Api, AppInfo, Runtime } from '../api/contract';
import { createHandlers } from '../api/handlers';
import { projectCount } from '../features/project/project-service';
import { APP_VERSION } from '../domain/version';
import { seedDemoProject } from '../features/demo/demo-seed';
import type { Store } from '../sync/store';
import { openStore } from './open-store';
import { runRepairs } from './repairs';
import { SyncEngine, type SyncEngineOptions } from '../sync/engine';
import { FolderBlobStore } from '../../db/blob-store';
import type { PdfEngine } from '../export/pdf';
import { backupDatabase } from '../../db/backup';
import {
  backupsDir,
  DATABASE_FILENAME,
  DEFAULT_KEEP_BACKUPS,
  listBackupInfo,
} from '../features/backups/backup-service';

export { DATABASE_FILENAME };

export interface AppContextOptions {
  dataDir: string;
  runtime: Runtime;
  /** Seed the demo project into an empty database (the app does; `haitai` commands may not). */
  seedDemo?: boolean;
  busyTimeoutMs?: number;
  now?: () => Date;
  electronVersion?: string | null;
  /** The fetch sync uses (tests pass one that fails on demand). */
  fetch?: typeof fetch;
  /** Start syncing in the background when this laptop is connected to a server. */
  startSync?: boolean;
  /** Turns sheet HTML into PDF (Electron's printToPDF in the app, Chromium in the harness). */
  pdfEngine?: PdfEngine;
  /** Options for the sync engine beyond the store (tests inject faults here). */
  syncOptions?: Omit<SyncEngineOptions, 'store'>;
  /** Local backups kept in <dataDir>/backups (default 10); one is taken before any migration. */
  keepBackups?: number;
  /** Where the app announces changes no call waits for (a host keeps one across restores). */
  changes?: ChangeFeed;
  /** Puts a backup in place of the database; only a host that can reopen the app provides it. */
  restoreBackup?: (name: string) => Promise<{ restored: string; keptAside: string }>;
}

export interface AppContext {
  db: Knex;
  store: Store;
  sync: SyncEngine;
  blobs: FolderBlobStore;
  api: Api;
  info: AppInfo;
  seededDemo: boolean;
  close(): Promise<void>;
}

export function resolveDataDir(explicit: string | undefined, fallback: string): string {
  const fromEnv = process.env.HAITAI_DATA_DIR;
  return path.resolve(explicit || fromEnv || fallback);
}

/** Attachments' files (photos, their thumbnails and previews, PDFs) beside the database. */
export const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');

export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const now = options.now ?? (() => new Date());
  const databaseFile = path.join(options.dataDir, DATABASE_FILENAME);
  const keep = options.keepBackups ?? DEFAULT_KEEP_BACKUPS;
  const { db, schemaVersion, file, migrated } = await openAppDatabase({
    filename: databaseFile,
    backupDir: backupsDir(options.dataDir),
    keepBackups: keep,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  let store: Store;
  try {
    // Before the store reads its clock: a repair's stamps are ones it must move past.
    await runRepairs(db, migrated);
    store = await openStore(db, file, now, options.changes);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let seededDemo = false;
  if (options.seedDemo && (await projectCount(db)) === 0) {
    await seedDemoProject(db, now);
    seededDemo = true;
  }
  const blobs = new FolderBlobStore(attachmentsDir(options.dataDir));
  const sync = new SyncEngine({
    store,
    blobs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    log: (m, e) => console.warn(`[sync] ${m}`, e ?? ''),
    ...options.syncOptions,
  });
  await sync.init();
  if (options.startSync) sync.start();
  const info: AppInfo = {
    version: APP_VERSION,
    schemaVersion,
    dataDir: options.dataDir,
    databaseFile,
    runtime: options.runtime,
    nodeVersion: process.versions.node,
    electronVersion: options.electronVersion ?? null,
    user: { name: store.identity.userName, role: store.identity.role },
    tokenProtection: sync.tokenProtection(),
  };
  // The user and role change when the laptop signs in (or the server changes the role).
  const currentInfo = (): AppInfo => ({
    ...info,
    user: { name: store.identity.userName, role: store.identity.role },
  });
  return {
    db,
    store,
    sync,
    blobs,
    api: createHandlers({
      store,
      blobs,
      sync,
      appInfo: currentInfo,
      pdfEngine: options.pdfEngine,
      backups: {
        list: async () => listBackupInfo(options.dataDir),
        create: async () =>
          backupDatabase(db, backupsDir(options.dataDir), 'manual', { now: now(), keep }),
        restore: async (name) => {
          if (!options.restoreBackup)
            throw new AppError('internal', { reason: 'restore needs the app to restart' });
          return options.restoreBackup(name);
        },
      },
    }),
    get info() {
      return currentInfo();
    },
    seededDemo,
    close: async () => {
      await sync.stop();
      await db.destroy();
    },
  };
}
