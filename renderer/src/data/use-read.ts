// A screen's read of one channel: cached by channel and input, shared by every component that
// asks the same, refreshed when what it shows changes.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Channel, Input, Results } from '../../../main/api/contract';
import { call } from '../api';
import { readKey } from './query-client';

export type ReadState<T> =
  { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/**
 * The answer of `channel` for `input`, and a retry. With `keepWhileReloading`, the last answer
 * stays on screen while the read of another input loads (a list while its filter changes). A
 * null input reads nothing (yet).
 */
export function useRead<K extends Channel>(
  channel: K,
  input: Input<K> | null,
  options: { keepWhileReloading?: boolean; freshOnMount?: boolean } = {},
): [ReadState<Results[K]>, () => void] {
  const query = useQuery({
    queryKey: readKey(channel, (input ?? null) as Input<K>),
    queryFn: () => call(channel, input as Input<K>),
    enabled: input !== null,
    // Read again whenever it is drawn anew, for lists that no table announces (what a push had
    // refused): their parent draws them anew when the sync state's count of them moves.
    ...(options.freshOnMount ? { staleTime: 0 } : {}),
    ...(options.keepWhileReloading ? { placeholderData: keepPreviousData } : {}),
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  if (query.status === 'success') return [{ status: 'ok', value: query.data }, retry];
  if (query.status === 'error') return [{ status: 'error', error: query.error }, retry];
  return [{ status: 'loading' }, retry];
}
