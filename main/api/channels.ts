// The channel names, derived from the features' contracts: the preload's allowlist. The preload's
// build replaces this module by the same list computed at build time (scripts/preload-build.mjs),
// so the sandboxed preload carries the names, not zod and every schema.
import { channelGuard } from './channel-guard';
import { contract, type Channel } from './contract';

export type { Channel } from './contract';

export const { CHANNELS, isChannel } = channelGuard(Object.keys(contract) as Channel[]);
