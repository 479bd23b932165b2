// The first module the renderer runs (main.tsx imports it first, and it imports little): the
// Today screen's reads start here, while React, the translations and the screens are still being
// evaluated, and the screens' own calls take the answers over (api.ts, prefetch). Issue 16.
import { prefetch } from './api';
import { openingDay } from './opening-day';

prefetch('project:first-run', {});
prefetch('project:get', {}).then(
  (project) => prefetch('today:get', { projectId: project.id, siteDay: openingDay(project) }),
  () => {},
);
