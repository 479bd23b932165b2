// The preload's entry: the only line of it that touches electron, as the project's rule wants;
// window.api itself (the allowlist over contract channels) is in main/preload, free of electron.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from '../preload/preload-api';

contextBridge.exposeInMainWorld(
  'api',
  createPreloadApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
