// The allowlist over a list of channel names: what the preload and dispatch check a name against.
export function channelGuard<C extends string>(names: readonly C[]) {
  const known = new Set<string>(names);
  return {
    CHANNELS: Object.freeze([...names]) as readonly C[],
    isChannel: (value: unknown): value is C => typeof value === 'string' && known.has(value),
  };
}
