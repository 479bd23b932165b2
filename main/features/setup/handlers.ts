import { listTeams } from '../../../db/repositories/crew-repository';
import { generateLayout } from '../../domain/panel-layout';
import { AppError } from '../../domain/errors';
import { MAX_DEFINITION_BYTES } from '../../domain/project-definition';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { getProject } from '../project/project-service';
import type { setupContract } from './contract';
import { createFromDefinition, exportDefinition } from './definition-service';
import { parseOffThread } from '../off-thread/parse-off-thread';
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
  'project:export': async ({ projectId }) => {
    const definition = await exportDefinition(store.db, projectId);
    return {
      fileName: `${definition.project.code}.haitai-project.json`,
      mimeType: 'application/json',
      dataBase64: Buffer.from(`${JSON.stringify(definition, null, 2)}\n`).toString('base64'),
    };
  },
  'project:create-from-file': async ({ fileName, dataBase64 }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.length > MAX_DEFINITION_BYTES)
      throw new AppError('import.unreadable', { file: fileName, reason: 'over 20 MB' });
    return createFromDefinition(store, await parseOffThread('json', bytes, fileName));
  },
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
