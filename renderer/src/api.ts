// Calls to main, and the reads they make stale: every call's reply names the tables its writes
// changed, and the reads that show them are read again before the call resolves.
import type { Channel } from '../../main/api/channels';
import type { Input, Results } from '../../main/api/contract';
import { unwrap, windowApi } from './bridge';
import { refreshTables } from './data/query-client';

export { windowApi };

/** Sends a call; the tables its writes changed go to `changed`; its error is thrown. */
async function send<K extends Channel>(
  channel: K,
  input: Input<K>,
  changed: (tables: string[]) => Promise<void> | void,
): Promise<Results[K]> {
  const envelope = await windowApi().invoke(channel, input);
  if (envelope.changed?.length) await changed(envelope.changed);
  return unwrap(envelope);
}

const refreshQuietly = (tables: string[]) => refreshTables(tables).catch(() => {});

/**
 * Calls a channel and returns its result, or throws the AppError it answered with. Reads shown
 * on screen that the call's writes changed are read again first, so that when a save resolves,
 * every screen (its form too) already shows what was saved.
 */
export function call<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  return send(channel, input, refreshQuietly);
}

export type Call = typeof call;

/**
 * Runs the calls of one save made of several (a crew form's team after team), made through the
 * `call` it is given, and reads again what they changed once, at the end, rather than after each.
 */
export async function inOneRefresh<T>(save: (call: Call) => Promise<T>): Promise<T> {
  const changed = new Set<string>();
  const batched: Call = (channel, input) =>
    send(channel, input, (tables) => tables.forEach((t) => changed.add(t)));
  try {
    return await save(batched);
  } finally {
    await refreshQuietly([...changed]);
  }
}
