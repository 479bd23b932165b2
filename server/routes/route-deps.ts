import type { Authorize } from '../authorize';
import type { ServerBlobs } from '../blobs';
import type { ChangeNotifier } from '../notifier';
import type { ServerStore } from '../store';

/** What every group of routes is built from. */
export interface RouteDeps {
  store: ServerStore;
  /** Attachments' files. */
  blobs: ServerBlobs;
  authorize: Authorize;
  notifier: ChangeNotifier;
  loginPerMinute: number;
  now: () => number;
  /** Days a file no row names is kept (the collector's; the admin's storage view uses it). */
  fileRetentionDays: number;
}
