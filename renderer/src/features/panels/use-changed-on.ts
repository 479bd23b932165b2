import { useMemo } from 'react';
import { useRead } from '../../data/use-read';

/** The panels with a stage event on a site day (the wall plan marks them). */
export function useChangedOn(projectId: string, siteDay: string): Set<string> {
  const [today] = useRead('today:get', { projectId, siteDay }, { keepWhileReloading: true });
  const events = today.status === 'ok' ? today.value.events : null;
  return useMemo(() => new Set(events?.map((e) => e.panelId) ?? []), [events]);
}
