// Opening a SQLite database with knex and the per-connection PRAGMAs: all the server needs of the
// database layer (its own schema is in server/schema.ts), and what the app's connection builds on.
import knexFactory, { type Knex } from 'knex';

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
