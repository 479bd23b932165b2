// The renderer's only way to main: window.api. In Electron the preload provides it; in the browser
// harness this module builds the same object over the HTTP bridge (Actual Budget's two preloads).
import type { Channel } from '../../main/api/channels';
import type { Input, Results, WindowApi } from '../../main/api/contract';
import { changedTables } from '../../main/domain/changes-event';
import { AppError, isSerializedAppError, type Envelope } from '../../main/domain/errors';
import { refreshTables } from './data/query-client';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

function httpBridgeApi(baseUrl: string): WindowApi {
  return {
    invoke: (async (channel: Channel, input: unknown): Promise<Envelope<unknown>> => {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return { ok: false, error: new AppError('internal', { reason: String(error) }).toJSON() };
      }
      const body: unknown = await response.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return body as Envelope<unknown>;
      return {
        ok: false,
        error: new AppError('internal', { reason: `HTTP ${response.status}` }).toJSON(),
      };
    }) as WindowApi['invoke'],
    onChanges: (listener) => {
      // The harness's server-sent events; the browser reconnects a dropped stream by itself.
      const source = new EventSource(`${baseUrl}/api-events`);
      source.onmessage = (event: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return;
        }
        const tables = changedTables(payload);
        if (tables) listener(tables);
      };
      return () => source.close();
    },
  };
}

export function windowApi(): WindowApi {
  if (!window.api) window.api = httpBridgeApi(window.location.origin);
  return window.api;
}

/** Sends a call; the tables its writes changed go to `changed`; its error is thrown. */
async function send<K extends Channel>(
  channel: K,
  input: Input<K>,
  changed: (tables: string[]) => Promise<void> | void,
): Promise<Results[K]> {
  const envelope = await windowApi().invoke(channel, input);
  if (envelope.changed?.length) await changed(envelope.changed);
  if (envelope.ok) return envelope.value;
  const error = envelope.error;
  throw isSerializedAppError(error)
    ? AppError.fromJSON(error)
    : new AppError('internal', { reason: 'malformed reply' });
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
