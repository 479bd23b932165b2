import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { scheduleContract } from './contract';
import {
  createMilestone,
  deleteMilestone,
  listMilestones,
  setMilestoneDue,
  updateMilestone,
} from './milestone-service';
import { getSchedule, getStructureCurve, setCalendar, setStructurePlan } from './schedule-service';

export const scheduleHandlers = ({ store }: FeatureDeps): Handlers<typeof scheduleContract> => ({
  'milestones:create': async (input) => createMilestone(store, input),
  'milestones:update': async (input) => updateMilestone(store, input),
  'milestones:delete': async ({ milestoneId }) => deleteMilestone(store, milestoneId),
  'milestones:list': async ({ projectId }) => listMilestones(store.db, projectId),
  'milestones:set-due': async (input) => setMilestoneDue(store, input),
  'schedule:get': async ({ projectId, asOf }) => getSchedule(store.db, projectId, asOf),
  'schedule:curve': async ({ structureId, asOf }) => getStructureCurve(store.db, structureId, asOf),
  'schedule:set-calendar': async (input) => setCalendar(store, input),
  'schedule:set-plan': async (input) => {
    await setStructurePlan(store, input);
    return input;
  },
});
