// The preload's entry: the only line of it that touches electron, as the project's rule wants;
// window.api itself (the allowlist over contract channels) is in main/preload, free of electron.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANGES_EVENT } from '../domain/changes-event';
import { createPreloadApi } from '../preload/preload-api';

contextBridge.exposeInMainWorld(
  'api',
  createPreloadApi(
    (channel, input) => ipcRenderer.invoke(channel, input),
    (listener) => {
      // Only the payload goes on: never the event, which holds the sender.
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(CHANGES_EVENT, handler);
      return () => void ipcRenderer.removeListener(CHANGES_EVENT, handler);
    },
  ),
);
