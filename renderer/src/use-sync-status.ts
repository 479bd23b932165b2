import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../main/domain/sync-status';
import { call } from './api';

interface Poller {
  listeners: Set<(s: SyncStatus) => void>;
  last: SyncStatus | null;
  poll: () => void;
  stop: () => void;
}
const pollers = new Map<number, Poller>();

/**
 * One poll of the sync state per interval, however many components show it: the top bar's badges
 * share it, so the window's first requests are the screen's data, not the same count twice.
 * `fresh` asks at once even when the poll is already running (something changed elsewhere).
 */
function subscribe(
  intervalMs: number,
  listener: (s: SyncStatus) => void,
  fresh: boolean,
): () => void {
  let poller = pollers.get(intervalMs);
  if (poller) {
    // A component that joins late shows the last answer at once, not after the next poll.
    if (poller.last) listener(poller.last);
    if (fresh) poller.poll();
  } else {
    const created: Poller = { listeners: new Set(), last: null, poll: () => {}, stop: () => {} };
    created.poll = () =>
      void call('sync:status', {}).then(
        (s) => {
          created.last = s;
          created.listeners.forEach((l) => l(s));
        },
        () => {},
      );
    created.poll();
    const timer = setInterval(created.poll, intervalMs);
    created.stop = () => clearInterval(timer);
    pollers.set(intervalMs, (poller = created));
  }
  const { listeners } = poller;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      pollers.get(intervalMs)?.stop();
      pollers.delete(intervalMs);
    }
  };
}

/** The sync state, polled: cheap (a few counts), and it keeps the top bar honest offline. */
export function useSyncStatus(
  intervalMs = 2000,
  revision = 0,
): [SyncStatus | null, (s: SyncStatus) => void] {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const unsubscribe = subscribe(intervalMs, (s) => alive && setStatus(s), revision > 0);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [intervalMs, revision]);
  return [status, setStatus];
}
