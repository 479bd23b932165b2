// The renderer's only way to main: window.api. In Electron the preload provides it; in the browser
// harness this module builds the same object over the HTTP bridge (Actual Budget's two preloads).
import type { Channel } from '../../main/api/channels';
import type { Input, Results, WindowApi } from '../../main/api/contract';
import { AppError, isSerializedAppError, type Envelope } from '../../main/domain/errors';

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
  };
}

export function windowApi(): WindowApi {
  if (!window.api) window.api = httpBridgeApi(window.location.origin);
  return window.api;
}

/**
 * Reads started before the screen that wants them has rendered, each taken over once; with its
 * answer once it has come, so that a screen can draw with it at once (`answered`).
 */
const early = new Map<string, { promise: Promise<unknown>; answer?: { value: unknown } }>();
/** How long an early read waits to be taken over: only the first screen's first render. */
const EARLY_FOR_MS = 5000;
const keyOf = (channel: Channel, input: unknown) => `${channel} ${JSON.stringify(input)}`;

/**
 * Starts a read of the first screen while the code that will ask for it is still starting (or
 * takes `answer`, a read already under way that answers it); its own `call` with the same input,
 * within a few seconds, takes the answer over. Only for reads.
 */
export function prefetch<K extends Channel>(
  channel: K,
  input: Input<K>,
  answer?: Promise<Results[K]>,
): Promise<Results[K]> {
  const key = keyOf(channel, input);
  const promise = answer ?? send(channel, input);
  const entry: { promise: Promise<unknown>; answer?: { value: unknown } } = { promise };
  early.set(key, entry);
  promise.then(
    (value) => (entry.answer = { value }),
    () => {},
  );
  setTimeout(() => early.get(key) === entry && early.delete(key), EARLY_FOR_MS);
  return promise;
}

/**
 * The answer of an early read that has already come, if there is one, without taking it over: a
 * screen's first render can show it rather than a loading state (use-async.ts, `initial`).
 */
export function answered<K extends Channel>(
  channel: K,
  input: Input<K>,
): { value: Results[K] } | undefined {
  return early.get(keyOf(channel, input))?.answer as { value: Results[K] } | undefined;
}

/** Calls a channel and returns its result, or throws the AppError it answered with. */
export function call<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  const key = keyOf(channel, input);
  const started = early.get(key);
  if (!started) return send(channel, input);
  early.delete(key);
  return started.promise as Promise<Results[K]>;
}

/** Calls a channel, never taking over an early read. */
export async function send<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  const envelope = await windowApi().invoke(channel, input);
  if (envelope.ok) return envelope.value;
  const error = envelope.error;
  throw isSerializedAppError(error)
    ? AppError.fromJSON(error)
    : new AppError('internal', { reason: 'malformed reply' });
}
