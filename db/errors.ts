import { AppError } from '../main/domain/errors';

/** Turns a SQLite driver error into the AppError a user can act on; null if it is not one. */
export function mapSqliteError(error: unknown, file: string): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppError('db.locked', { file });
    case 'SQLITE_READONLY':
      return new AppError('db.read_only', { file });
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new AppError('db.corrupt', { file, reason: message });
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_IOERR':
    case 'SQLITE_FULL':
      return new AppError('db.open_failed', { file, reason: message });
    default:
      return null;
  }
}
