// Local backups through SQLite's online backup API: a consistent copy of a live database, taken
// page by page while the app keeps working, written under a temporary name, checked, then renamed
// into place so a backup file is always whole.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import sqlite3 from 'sqlite3';
import { BACKUP_NAME, type BackupInfo, type BackupReason } from '../main/domain/backups';
import { AppError } from '../main/domain/errors';

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

function backupName(at: Date, reason: BackupReason): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
  return `haitai-${stamp}-${reason}.sqlite`;
}

function parse(dir: string, name: string): BackupInfo | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [, d, t, ms, reason] = m;
  let sizeBytes: number;
  try {
    sizeBytes = fs.statSync(path.join(dir, name)).size;
  } catch {
    return null;
  }
  return {
    name,
    file: path.join(dir, name),
    createdAt: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}T${t!.slice(0, 2)}:${t!.slice(2, 4)}:${t!.slice(4, 6)}.${ms}Z`,
    reason: reason as BackupReason,
    sizeBytes,
  };
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => parse(dir, n))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

interface RawBackup {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback?: (error: Error | null) => void): void;
  completed: boolean;
  failed: boolean;
}
interface RawConnection {
  backup(file: string, callback?: (error: Error | null) => void): RawBackup;
}

/**
 * Runs a quick_check on a database file; resolves with its result ('ok' when sound). With
 * `settle`, the file is first switched out of WAL mode, so it is one self-contained file with no
 * -wal or -shm beside it (a backup must be copyable on its own).
 */
export function checkDatabaseFile(
  file: string,
  options: { settle?: boolean } = {},
): Promise<string> {
  const mode = options.settle ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY;
  return new Promise((resolve) => {
    const db = new sqlite3.Database(file, mode, (openError) => {
      if (openError) {
        resolve(openError.message);
        return;
      }
      const check = () =>
        db.get('PRAGMA quick_check', (error: Error | null, row: { quick_check?: string }) => {
          db.close(() => resolve(error ? error.message : (row?.quick_check ?? 'unknown')));
        });
      if (!options.settle) return check();
      db.run('PRAGMA journal_mode = DELETE', (error: Error | null) =>
        error ? db.close(() => resolve(error.message)) : check(),
      );
    });
  });
}

/**
 * The attachments' files a database file's rows name, removed rows included (a backup restored
 * brings them all back); read without changing the file. Rejects when the file cannot be read.
 */
export function fileHashesIn(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);
      const done = (error: Error | null, hashes: string[] = []) =>
        db.close(() => (error ? reject(error) : resolve(hashes)));
      db.get(
        "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'attachments'",
        (error: Error | null, table: unknown) => {
          if (error || !table) return done(error);
          db.all(
            'SELECT sha256, thumb_sha256, preview_sha256 FROM attachments',
            (e: Error | null, rows: Record<string, string | null>[]) =>
              done(
                e,
                (rows ?? []).flatMap((r) =>
                  [r.sha256, r.thumb_sha256, r.preview_sha256].filter(
                    (h): h is string => typeof h === 'string',
                  ),
                ),
              ),
          );
        },
      );
    });
  });
}

/**
 * Copies the live database into `dir` with the online backup API, 256 pages at a time so other
 * work gets the connection in between, then checks the copy and keeps the newest `keep`.
 */
export async function backupDatabase(
  db: Knex,
  dir: string,
  reason: BackupReason,
  options: { now?: Date; keep?: number } = {},
): Promise<BackupInfo> {
  const at = options.now ?? new Date();
  let name = backupName(at, reason);
  fs.mkdirSync(dir, { recursive: true });
  // Two backups in the same millisecond: the second waits its turn by a millisecond.
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++)
    name = backupName(new Date(at.getTime() + i), reason);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    const raw = (await db.client.acquireConnection()) as RawConnection;
    try {
      await new Promise<void>((resolve, reject) => {
        const backup = raw.backup(partial, (error) => {
          if (error) reject(error);
          else step();
        });
        const step = () =>
          backup.step(256, (error) => {
            if (error) return reject(error);
            if (backup.completed) backup.finish((e) => (e ? reject(e) : resolve()));
            else if (backup.failed) backup.finish(() => reject(new Error('backup failed')));
            else setImmediate(step);
          });
      });
    } finally {
      await db.client.releaseConnection(raw);
    }
    const check = await checkDatabaseFile(partial, { settle: true });
    if (check !== 'ok') throw new Error(`the copy does not check out: ${check}`);
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
    throw new AppError('backup.failed', {
      file,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (options.keep !== undefined) pruneBackups(dir, options.keep);
  return parse(dir, name)!;
}

/** Keeps the newest `keep` backups; older ones are deleted. */
export function pruneBackups(dir: string, keep: number): void {
  for (const old of listBackups(dir).slice(Math.max(1, keep))) fs.rmSync(old.file, { force: true });
}
