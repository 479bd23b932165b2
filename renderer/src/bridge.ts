// The renderer's only way to main: window.api. In Electron the preload provides it; in the browser
// harness this module builds the same object over the HTTP bridge (Actual Budget's two preloads).
// It imports nothing of React or the query cache, so that the first read can leave (boot.ts)
// before they are evaluated.
import type { Channel } from '../../main/api/channels';
import type { WindowApi } from '../../main/api/contract';
import { bridgeJson } from '../../main/domain/bridge-json';
import { changedTables } from '../../main/domain/changes-event';
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
          body: bridgeJson(input),
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
      // The harness's server-sent events; the browser reconnects a dropped stream by itself, and
      // what changed while it was down is read again: everything.
      const source = new EventSource(`${baseUrl}/api-events`);
      let connected = false;
      source.onopen = () => {
        if (connected) listener(['*']);
        connected = true;
      };
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

/** An answer's value, or the AppError it carries. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  const error = envelope.error;
  throw isSerializedAppError(error)
    ? AppError.fromJSON(error)
    : new AppError('internal', { reason: 'malformed reply' });
}
