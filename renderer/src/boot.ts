// The first module the renderer runs (main.tsx imports it first, and it imports little): the
// first screen's reads start here, while React, the translations and the screens are still being
// evaluated, and the screens' own calls take the answers over (api.ts, prefetch). Issue 16.
import { prefetch, send } from './api';

// One read answers the welcome check, the project and the Today screen's day. The day is offered
// first, so it is there before the project lets the Today screen ask for it. Should the read
// fail, the screens' own reads run as they would have, and show what went wrong.
const opening = send('today:opening', {});
opening.then(
  ({ project, today }) =>
    project &&
    today &&
    prefetch(
      'today:get',
      { projectId: project.id, siteDay: today.siteDay },
      Promise.resolve(today),
    ),
  () => {},
);
prefetch(
  'project:first-run',
  {},
  opening.then(
    ({ firstRun }) => ({ firstRun }),
    () => send('project:first-run', {}),
  ),
);
prefetch(
  'project:get',
  {},
  opening.then(
    ({ project }) => project ?? send('project:get', {}),
    () => send('project:get', {}),
  ),
);
