import type { Knex } from 'knex';
import { getPanel, listPanels } from '../services/panel-service';
import { getProject } from '../services/project-service';
import type { AppInfo } from './contract';
import { defineHandlers } from './dispatch';

export interface HandlerDeps {
  db: Knex;
  appInfo: () => AppInfo;
}

export function createHandlers({ db, appInfo }: HandlerDeps) {
  return defineHandlers({
    'app:info': async () => appInfo(),
    'project:get': async ({ projectId }) => getProject(db, projectId),
    'panels:list': async (filter) => listPanels(db, filter),
    'panels:get': async ({ panelId }) => getPanel(db, panelId),
  });
}
