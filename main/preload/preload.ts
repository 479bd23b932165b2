import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld(
  'api',
  createPreloadApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
