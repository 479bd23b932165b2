// The object the preload exposes as window.api. It passes only contract channels to the main
// process and exposes nothing else: no ipcRenderer, no event objects, no Node.
import { isChannel } from '../api/channels';
import type { WindowApi } from '../api/contract';
import { AppError, type Envelope } from '../domain/errors';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function createPreloadApi(invoke: Invoke): WindowApi {
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
  };
  return Object.freeze(api);
}
