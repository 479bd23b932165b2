import { listTeams } from '../../../db/repositories/crew-repository';
import { generateLayout } from '../../domain/panel-layout';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { getProject } from '../project/project-service';
import type { setupContract } from './contract';
import {
  createProject,
  isFirstRun,
  listProjectItems,
  selectProject,
  updateProject,
} from './project-setup-service';
import { applyLayout, retireStructure, saveStructure } from './structure-service';
import { reorderTeams, retireTeam, saveTeam } from './team-service';

export const setupHandlers = ({ store }: FeatureDeps): Handlers<typeof setupContract> => ({
  'project:list': async () => listProjectItems(store.db),
  'project:first-run': async () => ({ firstRun: await isFirstRun(store.db) }),
  'project:select': async ({ projectId }) => selectProject(store, projectId),
  'project:create': async (input) => createProject(store, input),
  'project:update': async (input) => updateProject(store, input),
  'teams:list': async ({ projectId }) => {
    await getProject(store.db, projectId);
    return listTeams(store.db, projectId);
  },
  'teams:save': async (input) => saveTeam(store, input),
  'teams:retire': async (input) => retireTeam(store, input),
  'teams:reorder': async (input) => reorderTeams(store, input),
  'structures:save': async (input) => saveStructure(store, input),
  'structures:retire': async (input) => retireStructure(store, input),
  'layout:preview': async (input) => generateLayout(input),
  'layout:apply': async (input) => applyLayout(store, input),
});
