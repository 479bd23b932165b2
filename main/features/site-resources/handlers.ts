import { listMachines } from '../../../db/repositories/machine-repository';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { getProject } from '../project/project-service';
import type { siteResourcesContract } from './contract';
import {
  getMachineDay,
  getRigStats,
  retireMachine,
  saveMachine,
  setMachineShift,
} from './machine-service';
import { addMaterial, getMaterialDay, removeMaterial, updateMaterial } from './material-service';

export const siteResourcesHandlers = ({
  store,
}: FeatureDeps): Handlers<typeof siteResourcesContract> => ({
  'machines:list': async ({ projectId }) => {
    await getProject(store.db, projectId);
    return listMachines(store.db, projectId);
  },
  'machines:save': async (input) => saveMachine(store, input),
  'machines:retire': async (input) => retireMachine(store, input),
  'machines:day': async ({ projectId, siteDay }) => getMachineDay(store.db, projectId, siteDay),
  'machines:set': async (input) => setMachineShift(store, input),
  'machines:stats': async ({ projectId, asOf }) => getRigStats(store.db, projectId, asOf),
  'materials:day': async ({ projectId, siteDay }) => getMaterialDay(store.db, projectId, siteDay),
  'materials:add': async (input) => addMaterial(store, input),
  'materials:update': async (input) => updateMaterial(store, input),
  'materials:remove': async ({ entryId }) => removeMaterial(store, entryId),
});
