// Which attachments' files may go: the one rule the laptop's and the server's collectors share.
// A file stays while any live row names it (or anything else the caller protects: a backup's
// rows, an upload not yet sent). Once nothing does, it stays for the retention period after the
// later of when it was stored and when a row naming it last changed (its removal), so a photo
// removed by mistake can still come back, and a file stored a moment before its row is written is
// never taken for an orphan.
import { z } from 'zod';

export const DEFAULT_FILE_RETENTION_DAYS = 30;
export const MAX_FILE_RETENTION_DAYS = 3650;

export const retentionDaysSchema = z.number().int().min(1).max(MAX_FILE_RETENTION_DAYS);

const DAY_MS = 24 * 3600_000;

/** A row's mention of a file. */
export interface FileUse {
  sha256: string;
  /** The row is live (or the mention is protected outright). */
  live: boolean;
  /** When the row last changed (ms since the epoch); NaN counts as now. */
  changedAtMs: number;
}

export interface StoredFile {
  sha256: string;
  bytes: number;
  /** When this store got the file (ms since the epoch). */
  storedAtMs: number;
}

/** The stored files that no live use names and that have been left alone past the retention. */
export function filesToCollect<F extends StoredFile>(
  files: readonly F[],
  uses: Iterable<FileUse>,
  { nowMs, retentionDays }: { nowMs: number; retentionDays: number },
): F[] {
  const live = new Set<string>();
  const lastTouch = new Map<string, number>();
  for (const use of uses) {
    if (use.live) live.add(use.sha256);
    const at = Number.isFinite(use.changedAtMs) ? use.changedAtMs : nowMs;
    lastTouch.set(use.sha256, Math.max(lastTouch.get(use.sha256) ?? -Infinity, at));
  }
  const cutoff = nowMs - retentionDays * DAY_MS;
  return files.filter((f) => {
    if (live.has(f.sha256)) return false;
    const stored = Number.isFinite(f.storedAtMs) ? f.storedAtMs : nowMs;
    return Math.max(stored, lastTouch.get(f.sha256) ?? -Infinity) < cutoff;
  });
}

/** What a collection found (or, in a dry run, would remove), for one project or a laptop. */
export interface CollectedFiles {
  files: number;
  bytes: number;
  /** Files (or links of the project to files) removed, or that a dry run would remove. */
  collectFiles: number;
  collectBytes: number;
}

/** What a laptop's Settings show of its attachments' files. */
export interface FileStorage {
  /** Days a file no row names is kept before it is removed. */
  retentionDays: number;
  /** When the collector last ran on this laptop (ISO), or null. */
  collectedAt: string | null;
  /** The files (and partial downloads) this laptop keeps, and their size. */
  files: number;
  bytes: number;
}
