import { listCrewRecords } from '../../../db/repositories/crew-repository';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { siteDayContract } from './contract';
import { getCrewDay, setCrewShift, setStaffCount } from './crew-service';
import { saveDailyLog } from './daily-log-service';
import { getOpening, getToday } from './today-service';

export const siteDayHandlers = ({ store }: FeatureDeps): Handlers<typeof siteDayContract> => ({
  'today:get': async ({ projectId, siteDay }) => getToday(store.db, projectId, siteDay),
  'today:opening': async () => getOpening(store.db, store.now()),
  'crews:day': async ({ projectId, siteDay }) => getCrewDay(store.db, projectId, siteDay),
  'crews:range': async ({ projectId, from, to }) => listCrewRecords(store.db, projectId, from, to),
  'crews:set': async (input) => setCrewShift(store, input),
  'crews:staff': async (input) => setStaffCount(store, input),
  'log:save': async (input) => saveDailyLog(store, input),
});
