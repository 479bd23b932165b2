// Backups of one data folder: where they live, and putting one back in place of the database.
// Restoring never deletes anything: the database being replaced is moved aside first.
import fs from 'node:fs';
import path from 'node:path';
import { checkDatabaseFile, isBackupName, listBackups } from '../../../db/backup';
import type { BackupInfo } from '../../domain/backups';
import { AppError } from '../../domain/errors';

export const DATABASE_FILENAME = 'haitai.sqlite';
export const DEFAULT_KEEP_BACKUPS = 10;

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');
/** Databases replaced by a restore: kept, never pruned. */
export const replacedDir = (dataDir: string) => path.join(dataDir, 'backups', 'replaced');

export function listBackupInfo(dataDir: string): BackupInfo[] {
  return listBackups(backupsDir(dataDir));
}

/** The path of backup `name` once it is known to pass SQLite's quick_check. */
export async function usableBackup(dataDir: string, name: string): Promise<string> {
  if (!isBackupName(name)) throw new AppError('backup.not_found', { name });
  const source = path.join(backupsDir(dataDir), name);
  if (!fs.existsSync(source)) throw new AppError('backup.not_found', { name });
  const check = await checkDatabaseFile(source);
  if (check !== 'ok') throw new AppError('backup.unusable', { name, reason: check });
  return source;
}

/**
 * Puts backup `name` in place of the data folder's database, which must be closed. The current
 * database (with its -wal and -shm files) is moved to backups/replaced/ first. A backup that does
 * not pass SQLite's quick_check is refused and nothing changes.
 */
export async function swapInBackup(
  dataDir: string,
  name: string,
  now: Date,
): Promise<{ restored: string; keptAside: string }> {
  const source = await usableBackup(dataDir, name);

  const file = path.join(dataDir, DATABASE_FILENAME);
  const aside = path.join(
    replacedDir(dataDir),
    `haitai-replaced-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`,
  );
  fs.mkdirSync(path.dirname(aside), { recursive: true });
  const incoming = `${file}.restoring`;
  fs.copyFileSync(source, incoming);
  const fd = fs.openSync(incoming, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  fs.renameSync(incoming, file);
  return { restored: name, keptAside: aside };
}
