import type { SerializedAppError } from './errors';
import type { Role } from './sync-protocol';

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
}
