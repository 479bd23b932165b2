import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { listConflicts, listKeptAside, listRejected, resolveConflict } from './conflict-service';
import type { syncContract } from './contract';

export const syncHandlers = ({ store, sync }: FeatureDeps): Handlers<typeof syncContract> => ({
  'sync:status': async () => sync.status(),
  'sync:connect': async (input) => {
    const status = await sync.connect(input);
    sync.start();
    return status;
  },
  'sync:now': async () => {
    await sync.syncNow();
    return sync.status();
  },
  'sync:keep-files': async ({ keepAll }) => {
    await sync.keepAllFiles(keepAll);
    return sync.status();
  },
  'sync:disconnect': async () => {
    await sync.disconnect();
    return sync.status();
  },
  'sync:conflicts': async ({ projectId }) => listConflicts(store.db, projectId),
  'sync:rejected': async () => listRejected(store.db),
  'sync:kept-aside': async () => listKeptAside(store.db),
  'sync:resolve': async (input) => {
    await resolveConflict(store, input);
    return listConflicts(store.db, (await sync.status()).projectId ?? '');
  },
});
