// The knex connection factory: sqlite3 for the app, the CLI, tests and the default server.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { AppError } from '../main/domain/errors';
import { backupDatabase } from './backup';
import { mapSqliteError } from './errors';
import { MIGRATIONS, migrationSource, SCHEMA_VERSION } from './migrations';

export type Db = Knex;

export interface OpenSqliteOptions {
  /** A file path, or ':memory:' for a throwaway database. */
  filename: string;
  /** How long a write waits for another connection's lock before failing with db.locked. */
  busyTimeoutMs?: number;
  /** Where knex's own warnings go; the caller gets every failure as an AppError regardless. */
  onLog?: (level: 'warn' | 'error', message: string) => void;
  /** Where to back the database up before a migration changes it (none: no backup). */
  backupDir?: string;
  /** How many backups to keep in backupDir. */
  keepBackups?: number;
}

interface SqliteConnection {
  run(sql: string, callback: (error: Error | null) => void): void;
}

function runPragma(conn: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) =>
    conn.run(sql, (error) => (error ? reject(error) : resolve())),
  );
}

/** Opens (creating if needed) a SQLite database with the per-connection PRAGMAs set. */
export function createSqliteKnex({
  filename,
  busyTimeoutMs = 5000,
  onLog = () => {},
}: OpenSqliteOptions): Db {
  const log = (level: 'warn' | 'error') => (message: unknown) => onLog(level, String(message));
  return knexFactory({
    log: { warn: log('warn'), error: log('error'), deprecate: log('warn'), debug: () => {} },
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer anyway, and a single connection keeps transactions
    // and PRAGMAs simple. Reads in WAL mode do not block on it.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: SqliteConnection, done: (error: Error | null, conn: unknown) => void) => {
        const pragmas = [
          `PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`,
          'PRAGMA foreign_keys = ON',
          ...(filename === ':memory:'
            ? []
            : ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL']),
        ];
        pragmas
          .reduce((p, sql) => p.then(() => runPragma(conn, sql)), Promise.resolve())
          .then(
            () => done(null, conn),
            (error: Error) => done(error, conn),
          );
      },
    },
    acquireConnectionTimeout: Math.max(10_000, busyTimeoutMs * 2),
  });
}

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
