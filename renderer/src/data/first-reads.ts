// The first screen's reads, in the cache before the screens ask: the opening read sent by boot.ts
// answers the welcome check, the project and the Today screen's day. Here too the window starts
// listening to main's changes, so that no change is missed.
import { opening as sent } from '../boot';
import { call, windowApi } from '../api';
import { unwrap } from '../bridge';
import { queryClient, readKey, refreshTables } from './query-client';

windowApi().onChanges((tables) => void refreshTables(tables));

// Should it fail, the screens' own reads run as they would have, and show what went wrong.
const opening = sent.then((envelope) => {
  if (!envelope) throw new Error('no answer');
  return unwrap(envelope);
});
const day = opening.then(
  // The day first: it is in the cache before the project lets the Today screen ask for it.
  ({ project, today }) =>
    void (
      project &&
      today &&
      queryClient.setQueryData(
        readKey('today:get', { projectId: project.id, siteDay: today.siteDay }),
        today,
      )
    ),
  () => {},
);
const seed = <T>(key: readonly unknown[], answer: Promise<T>) =>
  queryClient.prefetchQuery({ queryKey: key, queryFn: () => answer });

/**
 * Settles when the first screen's reads are in the cache (answered or failed), so that the first
 * render draws the screen itself rather than a "loading" the next render replaces.
 */
export const firstReads: Promise<unknown> = Promise.all([
  day,
  seed(
    readKey('project:first-run', {}),
    opening.then(
      ({ firstRun }) => ({ firstRun }),
      () => call('project:first-run', {}),
    ),
  ),
  seed(
    readKey('project:get', {}),
    opening.then(
      ({ project }) => project ?? call('project:get', {}),
      () => call('project:get', {}),
    ),
  ),
]);
