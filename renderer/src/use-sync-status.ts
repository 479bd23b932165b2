import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../main/domain/sync-status';
import { call } from './api';

/** The sync state, polled: cheap (a few counts), and it keeps the top bar honest offline. */
export function useSyncStatus(
  intervalMs = 2000,
  revision = 0,
): [SyncStatus | null, (s: SyncStatus) => void] {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const poll = () =>
      call('sync:status', {}).then(
        (s) => alive && setStatus(s),
        () => {},
      );
    void poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [intervalMs, revision]);
  return [status, setStatus];
}
