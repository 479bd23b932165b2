// The one event main sends the window: the tables that work no call waited for has changed (a
// pull, a merge). The preload passes on only a short list of short names (a table, or '*' for
// everything), so nothing else can travel on it.
export const CHANGES_EVENT = 'haitai:changes';

const MAX_TABLES = 64;
const NAME = /^(\*|[a-z_]{1,40})$/;

/** The tables named by an event's payload, or null when it is not such a list. */
export function changedTables(payload: unknown): string[] | null {
  if (!Array.isArray(payload) || payload.length > MAX_TABLES) return null;
  if (!payload.every((t) => typeof t === 'string' && NAME.test(t))) return null;
  return [...(payload as string[])];
}
