import type { Authorize } from '../authorize';
import type { ChangeNotifier } from '../notifier';
import type { ServerStore } from '../store';

/** What every group of routes is built from. */
export interface RouteDeps {
  store: ServerStore;
  authorize: Authorize;
  notifier: ChangeNotifier;
  loginPerMinute: number;
  now: () => number;
}
