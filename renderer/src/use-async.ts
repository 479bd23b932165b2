import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/**
 * Runs an async load whenever its key changes. A result is shown only for the key it was loaded
 * for, so a stale answer never replaces a newer one. With `keepWhileReloading`, the last result
 * stays on screen while the next loads (after a save, say), so forms are not torn down. With
 * `initial`, an answer already here (an early read's, api.ts) is drawn by the first render.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: unknown[],
  options: { keepWhileReloading?: boolean; initial?: () => { value: T } | undefined } = {},
): [AsyncState<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify([...deps, attempt]);
  const [settled, setSettled] = useState<{
    key: string;
    state: AsyncState<T>;
    initial?: boolean;
  } | null>(() => {
    const answer = options.initial?.();
    return answer ? { key, state: { status: 'ok', value: answer.value }, initial: true } : null;
  });
  useEffect(() => {
    if (settled?.initial && settled.key === key) {
      // Drawn already: the load takes the early read over, and its answer is not drawn twice.
      load().catch(() => {});
      return;
    }
    let current = true;
    load().then(
      (value) => current && setSettled({ key, state: { status: 'ok', value } }),
      (error: unknown) => current && setSettled({ key, state: { status: 'error', error } }),
    );
    return () => {
      current = false;
    };
    // The key stands for the dependencies; `load` is a fresh closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (
    settled &&
    (settled.key === key || (options.keepWhileReloading && settled.state.status === 'ok'))
  ) {
    return [settled.state, retry];
  }
  return [{ status: 'loading' }, retry];
}
