// What the Electron shell and the browser harness run: the app over one data folder, with local
// backups on a schedule, restore, and a recovery mode. When the database cannot be opened because
// it is damaged, the app still starts: every channel answers with that error (which the renderer
// shows as the recovery screen), and the backups can be listed and one restored. It never starts
// on a silent new, empty database.
import { backupDatabase } from '../../db/backup';
import { createChangeFeed, type ChangeFeed } from '../../db/changes';
import { inputSchemas, type Api, type Channel } from '../api/contract';
import { parseInput } from '../api/dispatch';
import { RECOVERABLE_DB_ERRORS, type BackupInfo } from '../domain/backups';
import { AppError } from '../domain/errors';
import { toAppError } from '../domain/i18n/translate';
import { openAppContext, type AppContext, type AppContextOptions } from './app-context';
import {
  backupsDir,
  DEFAULT_KEEP_BACKUPS,
  listBackupInfo,
  swapInBackup,
  usableBackup,
} from '../features/backups/backup-service';
import { collectLaptopFiles, lastCollection } from '../features/attachments/file-collector';

export interface AppHostOptions extends Omit<AppContextOptions, 'restoreBackup'> {
  /** Take a backup when the newest is older than this (and check every hour); 0: never. */
  backupEveryMs?: number;
  /**
   * Collect attachments' files no row needs when the last collection is older than this (checked
   * with the backups); 0 or absent: never.
   */
  collectFilesEveryMs?: number;
}

export interface AppHost {
  /** Stable across restores: IPC and the HTTP bridge register it once. */
  api: Api;
  /** The running app, or null in recovery mode. */
  context(): AppContext | null;
  /** Why the app is in recovery mode, or null. */
  startupError(): AppError | null;
  /** Tables changed by work no call waits for (pulls): the window's change events. */
  changes: Pick<ChangeFeed, 'subscribe'>;
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

export async function openAppHost(options: AppHostOptions): Promise<AppHost> {
  const now = options.now ?? (() => new Date());
  const keep = options.keepBackups ?? DEFAULT_KEEP_BACKUPS;
  let context: AppContext | null = null;
  let failure: AppError | null = null;
  let busy: Promise<unknown> = Promise.resolve();
  const changes = createChangeFeed();

  const open = async () => {
    try {
      context = await openAppContext({
        ...options,
        changes,
        restoreBackup: (name) => restore(name),
      });
      failure = null;
    } catch (error) {
      const appError = toAppError(error);
      if (!(RECOVERABLE_DB_ERRORS as readonly string[]).includes(appError.code)) throw appError;
      context = null;
      failure = appError;
    }
  };

  /** Closes the app, swaps the backup in, and opens the app again on it. */
  const restore = (name: string) => {
    const run = busy.then(async () => {
      // A backup that would not open is refused while the app is still running.
      await usableBackup(options.dataDir, name);
      const running = context;
      if (running) {
        await running.close();
        context = null;
      }
      try {
        const result = await swapInBackup(options.dataDir, name, now());
        return result;
      } finally {
        // Whether the swap happened or was refused, the app comes back on what is there now.
        await open();
        // Everything may differ: every screen reads again ('*').
        changes.changed(['*']);
      }
    });
    busy = run.catch(() => {});
    return run;
  };

  await open();

  const scheduled = async () => {
    await scheduledBackup(options, context, now, keep);
    // In the restore's queue: a restore never closes the database under a collection.
    const run = busy.then(() => scheduledCollection(options, context, now));
    busy = run.catch(() => {});
    await run;
  };
  const every = Math.min(HOUR, options.backupEveryMs || HOUR, options.collectFilesEveryMs || HOUR);
  const timer =
    options.backupEveryMs || options.collectFilesEveryMs
      ? setInterval(() => void scheduled(), every)
      : null;
  timer?.unref();
  void scheduled();

  const api = hostApi({
    running: () => context,
    failure: () => failure,
    listBackups: () => listBackupInfo(options.dataDir),
    restore,
  });

  return {
    api,
    context: () => context,
    startupError: () => failure,
    changes,
    close: async () => {
      if (timer) clearInterval(timer);
      await busy;
      await context?.close();
    },
  };
}

/** Takes a backup when the newest is older than the host's interval; a failure is only logged. */
async function scheduledBackup(
  options: AppHostOptions,
  running: AppContext | null,
  now: () => Date,
  keep: number,
): Promise<void> {
  if (!running || !options.backupEveryMs) return;
  const newest = listBackupInfo(options.dataDir)[0];
  if (newest && now().getTime() - Date.parse(newest.createdAt) < options.backupEveryMs) return;
  try {
    await backupDatabase(running.db, backupsDir(options.dataDir), 'scheduled', {
      now: now(),
      keep,
    });
  } catch (error) {
    console.warn('[backup]', toAppError(error).message);
  }
}

/** Collects files no row needs when the last collection is older than the host's interval. */
async function scheduledCollection(
  options: AppHostOptions,
  running: AppContext | null,
  now: () => Date,
): Promise<void> {
  if (!running || !options.collectFilesEveryMs) return;
  const last = await lastCollection(running.db);
  if (last !== null && now().getTime() - last < options.collectFilesEveryMs) return;
  try {
    const done = await collectLaptopFiles(
      { db: running.db, blobs: running.blobs, dataDir: options.dataDir },
      { now: now() },
    );
    if (done.collectFiles)
      console.info(
        `[files] removed ${done.collectFiles} files no row needs (${done.collectBytes} bytes)`,
      );
  } catch (error) {
    console.warn('[files]', toAppError(error).message);
  }
}

/**
 * The host's API: the running app's, or in recovery mode the backups (listed and restored) while
 * every other channel answers with why the app could not open.
 */
function hostApi(host: {
  running: () => AppContext | null;
  failure: () => AppError | null;
  listBackups: () => BackupInfo[];
  restore: (name: string) => Promise<{ restored: string; keptAside: string }>;
}): Api {
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(inputSchemas) as Channel[]) {
    api[channel] = async (input: unknown) => {
      const running = host.running();
      if (running) return (running.api[channel] as (input: unknown) => Promise<unknown>)(input);
      if (channel === 'backups:list') {
        parseInput(inputSchemas[channel], input ?? {});
        return host.listBackups();
      }
      if (channel === 'backups:restore') {
        const { name } = parseInput(inputSchemas[channel], input ?? {});
        return host.restore(name);
      }
      throw host.failure() ?? new AppError('internal', { reason: 'the app is not open' });
    };
  }
  return api as Api;
}
