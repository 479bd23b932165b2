// The first module the renderer runs (main.tsx imports it first, and it imports little: the API
// and the query cache): the first screen's reads start here, while React, the translations and
// the screens are still being evaluated, and their answers wait in the cache the screens read
// from (issue 16). Here too the window starts listening to main's changes, so that no change is
// missed.
import { call, windowApi } from './api';
import { queryClient, readKey, refreshTables } from './data/query-client';

windowApi().onChanges((tables) => void refreshTables(tables));

// One read answers the welcome check, the project and the Today screen's day. Should it fail,
// the screens' own reads run as they would have, and show what went wrong.
const opening = call('today:opening', {});
opening.then(
  // The day first: it is in the cache before the project lets the Today screen ask for it.
  ({ project, today }) =>
    project &&
    today &&
    queryClient.setQueryData(
      readKey('today:get', { projectId: project.id, siteDay: today.siteDay }),
      today,
    ),
  () => {},
);
const seed = <T>(key: readonly unknown[], answer: Promise<T>) =>
  void queryClient.prefetchQuery({ queryKey: key, queryFn: () => answer });
seed(
  readKey('project:first-run', {}),
  opening.then(
    ({ firstRun }) => ({ firstRun }),
    () => call('project:first-run', {}),
  ),
);
seed(
  readKey('project:get', {}),
  opening.then(
    ({ project }) => project ?? call('project:get', {}),
    () => call('project:get', {}),
  ),
);
