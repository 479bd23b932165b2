import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { appContract } from './contract';

export const appHandlers = ({ appInfo }: FeatureDeps): Handlers<typeof appContract> => ({
  'app:info': async () => appInfo(),
});
