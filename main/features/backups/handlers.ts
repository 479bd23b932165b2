import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { backupsContract } from './contract';

export const backupsHandlers = ({ backups }: FeatureDeps): Handlers<typeof backupsContract> => ({
  'backups:list': async () => backups.list(),
  'backups:create': async () => backups.create(),
  'backups:restore': async ({ name }) => backups.restore(name),
});
