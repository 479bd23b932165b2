// Registers one ipcMain handler per contract channel. Each checks the sending frame and runs the
// channel through dispatch, so every reply is an envelope and nothing throws across IPC.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANGES_EVENT } from '../domain/changes-event';
import { CHANNELS } from '../api/channels';
import type { Api } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { AppError } from '../domain/errors';

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface RegisterIpcOptions {
  isTrustedSender: (url: string | undefined) => boolean;
  onUnexpected?: (channel: string, error: unknown) => void;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  api: Api,
  options: RegisterIpcOptions,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url;
      if (!options.isTrustedSender(url)) {
        return { ok: false, error: new AppError('api.untrusted_sender', { channel }).toJSON() };
      }
      return dispatch(api, channel, input, (error) => options.onUnexpected?.(channel, error));
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}

interface WindowLike {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/** Sends every announced change to each open window, as the one event the preload passes on. */
export function forwardChanges(
  changes: { subscribe(listener: (tables: string[]) => void): () => void },
  windows: () => WindowLike[],
): () => void {
  return changes.subscribe((tables) => {
    for (const win of windows())
      if (!win.isDestroyed()) win.webContents.send(CHANGES_EVENT, tables);
  });
}
