// The renderer's one cache of what main answered (TanStack Query). A read's key is its channel
// and input; nothing goes stale by time: a read is refreshed when main says a table it shows has
// changed, by a call's reply (api.ts) or by the changes event (work no call waited for).
import { QueryClient } from '@tanstack/react-query';
import type { Channel, Input } from '../../../main/api/contract';
import { readsAny } from './reads';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      // An error is shown with its retry button, at once: main is on this machine.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/**
 * Reads again every read that shows one of `tables`; resolves when those on screen have their
 * new answers (the others are read when next shown).
 */
export function refreshTables(tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({
    predicate: (query) => readsAny(String(query.queryKey[0]), tables),
  });
}

/** The key of a read: its channel and its input. */
export const readKey = <K extends Channel>(channel: K, input: Input<K>) =>
  [channel, input] as const;
