// Option parsers shared by the commands.
import { InvalidArgumentError } from 'commander';
import { MAX_FILE_RETENTION_DAYS } from '../domain/file-retention';

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return n;
}

/** Days a file no row names is kept (1 to 3650). */
export function retentionDays(value: string): number {
  const n = positiveInteger(value);
  if (n > MAX_FILE_RETENTION_DAYS)
    throw new InvalidArgumentError(`expected at most ${MAX_FILE_RETENTION_DAYS} days`);
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}
