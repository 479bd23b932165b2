// The object the preload exposes as window.api. It passes only contract channels to the main
// process, and from it only the changed tables' event (checked); it exposes nothing else: no
// ipcRenderer, no event objects, no Node.
import { changedTables } from '../domain/changes-event';
import { isChannel } from '../api/channels';
import type { WindowApi } from '../api/contract';
import { AppError, type Envelope } from '../domain/errors';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Listens to the changes event's payloads; returns the stop. */
export type Listen = (listener: (payload: unknown) => void) => () => void;

export function createPreloadApi(invoke: Invoke, listen: Listen = () => () => {}): WindowApi {
  const api: WindowApi = {
    invoke: (async (channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
      if (!isChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
        return {
          ok: false,
          error: new AppError('api.unknown_channel', { channel: name }).toJSON(),
        };
      }
      return (await invoke(channel, input)) as Envelope<unknown>;
    }) as WindowApi['invoke'],
    onChanges: (listener) =>
      listen((payload) => {
        const tables = changedTables(payload);
        if (tables) listener(tables);
      }),
  };
  return Object.freeze(api);
}
