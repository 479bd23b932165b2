import type { SerializedAppError } from './errors';
import type { Role } from './sync-protocol';

/** How the laptop keeps its device token: encrypted by the OS, or in a file of its own. */
export type TokenProtection = 'os-encrypted' | 'file';

/** A change the server refused, kept with its reason (DESIGN.md: nothing is dropped silently). */
export interface RejectedChangeView {
  opId: number;
  table: string;
  rowId: string;
  column: string;
  value: unknown;
  code: string;
  reason: string;
  rejectedAt: string;
}

/**
 * A pulled value this laptop keeps aside instead of applying: a table or column this version does
 * not know (`unknown`), a value the schema refuses (`invalid`), a row the database refused
 * (`refused`), or a cell whose row has not arrived whole yet (`row`).
 */
export interface KeptAsideView {
  table: string;
  rowId: string;
  column: string;
  value: unknown;
  reason: 'unknown' | 'invalid' | 'refused' | 'row';
  /** The rule it broke, where there is one. */
  detail: string | null;
  /** Who wrote it, by the server's name for them; null where the server did not say. */
  author: string | null;
  /** When it was written (its stamp's time). */
  writtenAt: string;
}

/** Attachments' files: what waits to go up, the transfer under way, and its last failure. */
export interface FilesStatus {
  pendingUploads: number;
  /** Whether this laptop downloads every preview and original, not only thumbnails. */
  keepAll: boolean;
  transfer: { direction: 'up' | 'down'; done: number; total: number; bytes: number } | null;
  error: SerializedAppError | null;
}

/** What the Sync screen and the top bar show. */
export type SyncState = 'not_configured' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  serverUrl: string | null;
  username: string | null;
  role: Role | null;
  projectId: string | null;
  lastSyncAt: string | null;
  pendingChanges: number;
  keptAside: number;
  rejected: number;
  error: SerializedAppError | null;
  progress: { phase: 'snapshot' | 'push' | 'pull'; done: number; total: number | null } | null;
  files: FilesStatus;
}
