// The laptop's collector of attachments' files no row needs any more (main/domain/file-retention.ts
// says when a file may go). It never removes a file that a live row names or that any row of a
// backup names (restoring that backup brings the row back); a backup it cannot read stops the
// collection, since nothing is removed when it cannot be sure. A removed photo's file still
// waiting for upload goes like any other after the retention (no live row needs it), and leaves
// the upload queue with it.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { fileHashesIn, isBackupName } from '../../../db/backup';
import type { FolderBlobStore, StoredEntry } from '../../../db/blob-store';
import { attachmentFileUses, uploadDone } from '../../../db/repositories/attachment-repository';
import { getSetting, setSettings } from '../../../db/repositories/settings-repository';
import { AppError } from '../../domain/errors';
import {
  DEFAULT_FILE_RETENTION_DAYS,
  filesToCollect,
  retentionDaysSchema,
  type CollectedFiles,
  type FileStorage,
  type FileUse,
} from '../../domain/file-retention';
import { parseOrThrow } from '../../domain/validation';
import { backupsDir, replacedDir } from '../backups/backup-service';

/** Local settings (never synced): the retention in days, and when the collector last ran. */
export const FILE_KEYS = {
  retentionDays: 'files.retention_days',
  collectedAt: 'files.collected_at',
} as const;

export interface LaptopCollection extends CollectedFiles {
  retentionDays: number;
  dryRun: boolean;
  /** The backups whose rows were read (and whose files were kept). */
  backupsRead: number;
  /** The files removed (or that a dry run would remove). */
  collected: { sha256: string; bytes: number; part: boolean }[];
}

export async function fileRetentionDays(db: Knex): Promise<number> {
  const stored = Number(await getSetting(db, FILE_KEYS.retentionDays));
  return retentionDaysSchema.safeParse(stored).success ? stored : DEFAULT_FILE_RETENTION_DAYS;
}

export async function setFileRetentionDays(db: Knex, days: number): Promise<void> {
  parseOrThrow(retentionDaysSchema, days, 'retentionDays');
  await setSettings(db, { [FILE_KEYS.retentionDays]: String(days) });
}

/** Every database kept beside the live one: the backups and the databases a restore replaced. */
function keptDatabases(dataDir: string): string[] {
  const list = (dir: string, keep: (name: string) => boolean) => {
    try {
      return fs
        .readdirSync(dir)
        .filter(keep)
        .map((n) => path.join(dir, n));
    } catch {
      return [];
    }
  };
  return [
    ...list(backupsDir(dataDir), isBackupName),
    ...list(replacedDir(dataDir), (n) => n.endsWith('.sqlite')),
  ];
}

export async function collectLaptopFiles(
  deps: { db: Knex; blobs: FolderBlobStore; dataDir: string },
  options: { dryRun?: boolean; retentionDays?: number; now?: Date } = {},
): Promise<LaptopCollection> {
  const started = (options.now ?? new Date()).getTime();
  // Files' own times are the wall clock's: one written after this moment is never removed.
  const wallStart = Date.now();
  const retentionDays = options.retentionDays ?? (await fileRetentionDays(deps.db));
  const dryRun = options.dryRun ?? false;
  // Files first: one stored after this listing is not in it, so cannot be removed.
  const entries: StoredEntry[] = [];
  for await (const entry of deps.blobs.entries()) entries.push(entry);

  const uses: FileUse[] = (await attachmentFileUses(deps.db)).map((u) => ({
    sha256: u.sha256,
    live: u.live,
    changedAtMs: Date.parse(u.changedAt),
  }));
  const protect = (sha256: string) => uses.push({ sha256, live: true, changedAtMs: started });
  const databases = keptDatabases(deps.dataDir);
  for (const file of databases) {
    let hashes: string[];
    try {
      hashes = await fileHashesIn(file);
    } catch (error) {
      throw new AppError('files.backup_unreadable', {
        file,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    for (const sha256 of hashes) protect(sha256);
  }

  const chosen = filesToCollect(entries, uses, { nowMs: started, retentionDays });
  const collected: LaptopCollection['collected'] = [];
  for (const entry of chosen) {
    if (!dryRun && !(await deps.blobs.collect(entry, wallStart))) continue;
    collected.push({ sha256: entry.sha256, bytes: entry.bytes, part: entry.part });
    if (!dryRun && !entry.part) await uploadDone(deps.db, entry.sha256);
  }
  if (!dryRun)
    await setSettings(deps.db, { [FILE_KEYS.collectedAt]: new Date(started).toISOString() });
  return {
    retentionDays,
    dryRun,
    backupsRead: databases.length,
    files: entries.length,
    bytes: entries.reduce((n, e) => n + e.bytes, 0),
    collectFiles: collected.length,
    collectBytes: collected.reduce((n, c) => n + c.bytes, 0),
    collected,
  };
}

/** When the collector last ran on this laptop (ms since the epoch), or null. */
export async function lastCollection(db: Knex): Promise<number | null> {
  const at = Date.parse((await getSetting(db, FILE_KEYS.collectedAt)) ?? '');
  return Number.isFinite(at) ? at : null;
}

/** What Settings show: the files here, their size, the retention and the last collection. */
export async function fileStorage(db: Knex, blobs: FolderBlobStore): Promise<FileStorage> {
  let files = 0;
  let bytes = 0;
  for await (const entry of blobs.entries()) {
    files += 1;
    bytes += entry.bytes;
  }
  const last = await lastCollection(db);
  return {
    retentionDays: await fileRetentionDays(db),
    collectedAt: last === null ? null : new Date(last).toISOString(),
    files,
    bytes,
  };
}
