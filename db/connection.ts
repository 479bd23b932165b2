// The app's database: a SQLite file opened (db/sqlite.ts), checked, backed up and migrated.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../main/domain/errors';
import { backupDatabase } from './backup';
import { mapSqliteError } from './errors';
import { MIGRATIONS, migrationSource, SCHEMA_VERSION } from './migrations';
import { createSqliteKnex, type Db, type OpenSqliteOptions } from './sqlite';

export { createSqliteKnex, type Db, type OpenSqliteOptions } from './sqlite';

/** Rejects a database that a newer app version has migrated: its migrations are unknown here. */
async function assertKnownMigrations(db: Db): Promise<void> {
  if (!(await db.schema.hasTable('knex_migrations'))) return;
  const rows: { name: string }[] = await db('knex_migrations').select('name');
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = rows.map((r) => r.name).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new AppError('db.newer_version', { unknown: unknown.join(', ') });
}

export interface OpenedDatabase {
  db: Db;
  file: string;
  schemaVersion: string;
  /** The migrations this opening applied (an upgrade's repairs follow them). */
  migrated: string[];
}

/**
 * Opens the app database, runs pending migrations and checks the file is usable. Every failure is
 * an AppError (locked, read-only, corrupt, newer version), never a raw driver error, and nothing is
 * written to a database this version does not understand.
 */
export async function openAppDatabase(options: OpenSqliteOptions): Promise<OpenedDatabase> {
  const { filename } = options;
  if (filename !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(filename), { recursive: true });
    } catch (error) {
      throw new AppError('db.open_failed', { file: filename, reason: (error as Error).message });
    }
  }
  const db = createSqliteKnex(options);
  try {
    // Reading the schema forces a real read: a file that is not a database fails here.
    await db.raw('SELECT count(*) FROM sqlite_master');
    const [check] = (await db.raw('PRAGMA quick_check')) as { quick_check: string }[];
    if (check?.quick_check !== 'ok') {
      throw new AppError('db.corrupt', { file: filename, reason: check?.quick_check ?? 'unknown' });
    }
    await assertKnownMigrations(db);
    const [done, pending] = (await db.migrate.list({ migrationSource })) as [
      unknown[],
      { name: string }[],
    ];
    if (options.backupDir) {
      // An existing database about to be migrated is copied first, so an upgrade can be undone.
      if (done.length > 0 && pending.length > 0)
        await backupDatabase(db, options.backupDir, 'before-migration', {
          ...(options.keepBackups !== undefined ? { keep: options.keepBackups } : {}),
        });
    }
    await db.migrate.latest({ migrationSource });
    return {
      db,
      file: filename,
      schemaVersion: SCHEMA_VERSION,
      migrated: pending.map((m) => m.name),
    };
  } catch (error) {
    await db.destroy().catch(() => {});
    throw (
      mapSqliteError(error, filename) ??
      new AppError('db.open_failed', {
        file: filename,
        reason: error instanceof Error ? error.message : String(error),
      })
    );
  }
}
