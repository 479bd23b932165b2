import { ACTIVE_PROJECT_KEY } from '../../db/repositories/settings-repository';

// Where sync keeps its state in local_settings.
export const SYNC_KEYS = {
  url: 'sync.server_url',
  token: 'sync.token',
  /** When the device token was issued; the laptop rotates it after a week. */
  tokenIssuedAt: 'sync.token_issued_at',
  username: 'sync.username',
  userId: 'sync.user_id',
  displayName: 'sync.display_name',
  role: 'sync.role',
  project: 'sync.project_id',
  cursor: 'sync.cursor',
  epoch: 'sync.epoch',
  lastAcked: 'sync.last_acked_op',
  lastSync: 'sync.last_sync_at',
  snapshotAsOf: 'sync.snapshot_as_of',
  snapshotCursor: 'sync.snapshot_cursor',
  /** '1': download every attachment's preview and original, not only thumbnails. */
  keepAllFiles: 'sync.keep_all_files',
  active: ACTIVE_PROJECT_KEY,
} as const;
