import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SyncStatus } from '../../../../main/domain/sync-status';
import { call } from '../../api';
import { queryClient, readKey } from '../../data/query-client';

const KEY = readKey('sync:status', {});

/**
 * The sync state, polled: cheap (a few counts), and it keeps the top bar honest offline. One read
 * per interval however many components show it (the shortest interval asked wins); every change
 * announced by main reads it again at once too (data/reads.ts names no tables for it).
 */
export function useSyncStatus(intervalMs = 2000): [SyncStatus | null, (s: SyncStatus) => void] {
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: () => call('sync:status', {}),
    refetchInterval: intervalMs,
    // A failed poll keeps the last state shown; the next poll tries again.
    placeholderData: (previous) => previous,
  });
  const set = useCallback((s: SyncStatus) => queryClient.setQueryData(KEY, s), []);
  return [data ?? null, set];
}
