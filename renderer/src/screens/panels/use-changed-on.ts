import { useMemo } from 'react';
import { call } from '../../api';
import { useAsync } from '../../use-async';

/** The panels with a stage event on a site day (the wall plan marks them). */
export function useChangedOn(projectId: string, siteDay: string, revision: number): Set<string> {
  const [today] = useAsync(
    () => call('today:get', { projectId, siteDay }),
    [projectId, siteDay, revision],
    { keepWhileReloading: true },
  );
  return useMemo(
    () => new Set(today.status === 'ok' ? today.value.events.map((e) => e.panelId) : []),
    [today],
  );
}
