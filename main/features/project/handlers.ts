import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { projectContract } from './contract';
import { getProject } from './project-service';

export const projectHandlers = ({ store }: FeatureDeps): Handlers<typeof projectContract> => ({
  'project:get': async ({ projectId }) => getProject(store.db, projectId),
});
