// Every feature's handlers in one map, each wrapped to parse its input with its schema.
import { appHandlers } from '../features/app-info/handlers';
import { backupsHandlers } from '../features/backups/handlers';
import type { FeatureDeps } from '../features/deps';
import { panelsHandlers } from '../features/panels/handlers';
import { projectHandlers } from '../features/project/handlers';
import { scheduleHandlers } from '../features/schedule/handlers';
import { attendanceHandlers } from '../features/attendance/handlers';
import { attachmentsHandlers } from '../features/attachments/handlers';
import { siteResourcesHandlers } from '../features/site-resources/handlers';
import { scheduleImportHandlers } from '../features/schedule-import/handlers';
import { setupHandlers } from '../features/setup/handlers';
import { sheetHandlers } from '../features/sheet/handlers';
import { siteDayHandlers } from '../features/site-day/handlers';
import { syncHandlers } from '../features/sync/handlers';
import type { Api } from './contract';
import { defineHandlers } from './dispatch';

export type HandlerDeps = FeatureDeps;

export function createHandlers(deps: FeatureDeps): Api {
  return defineHandlers({
    ...appHandlers(deps),
    ...projectHandlers(deps),
    ...panelsHandlers(deps),
    ...siteDayHandlers(deps),
    ...scheduleHandlers(deps),
    ...sheetHandlers(deps),
    ...scheduleImportHandlers(deps),
    ...siteResourcesHandlers(deps),
    ...attendanceHandlers(deps),
    ...attachmentsHandlers(deps),
    ...setupHandlers(deps),
    ...syncHandlers(deps),
    ...backupsHandlers(deps),
  });
}
