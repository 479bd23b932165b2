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

/** Reads started before the screen that wants them has rendered, each taken over once. */
const early = new Map<string, Promise<unknown>>();
/** How long an early read waits to be taken over: only the first screen's first render. */
const EARLY_FOR_MS = 5000;
const keyOf = (channel: Channel, input: unknown) => `${channel} ${JSON.stringify(input)}`;

/**
 * Starts a read of the first screen while the code that will ask for it is still starting; its
 * own `call` with the same input, within a few seconds, takes the answer over. Only for reads.
 */
export function prefetch<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  const key = keyOf(channel, input);
  const promise = send(channel, input);
  early.set(key, promise);
  promise.catch(() => {});
  setTimeout(() => early.get(key) === promise && early.delete(key), EARLY_FOR_MS);
  return promise;
}

/** Calls a channel and returns its result, or throws the AppError it answered with. */
export function call<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  const key = keyOf(channel, input);
  const started = early.get(key);
  if (!started) return send(channel, input);
  early.delete(key);
  return started as Promise<Results[K]>;
}

async function send<K extends Channel>(channel: K, input: Input<K>): Promise<Results[K]> {
  const envelope = await windowApi().invoke(channel, input);
  if (envelope.ok) return envelope.value;
  const error = envelope.error;
  throw isSerializedAppError(error)
    ? AppError.fromJSON(error)
    : new AppError('internal', { reason: 'malformed reply' });
}
