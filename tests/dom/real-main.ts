// The renderer in jsdom over the real main process: the app's handlers on a real SQLite file with
// the demo project, behind window.api as the preload gives it. Only the Electron boundary (IPC)
// is left out: a call goes through dispatch as ipcMain's handler sends it, and the changes that
// no call waited for reach the window as the preload's event would bring them.
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { Api, WindowApi } from '../../main/api/contract';
import { dispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/app/app-context';
import type { Project } from '../../main/domain/project';
import { queryClient, refreshTables } from '../../renderer/src/data/query-client';
import { demoApp } from '../helpers/app';

export interface RealMain {
  app: AppContext;
  project: Project;
  /** Every call the window made, by channel. */
  calls: string[];
}

let stop: (() => void) | null = null;

export async function openRealMain(): Promise<RealMain> {
  const app = await demoApp();
  const calls: string[] = [];
  const api: WindowApi = {
    invoke: ((channel: string, input: unknown) => {
      calls.push(channel);
      return dispatch(app.api as Api, channel, input);
    }) as WindowApi['invoke'],
    onChanges: (listener) => app.store.changes.subscribe(listener),
  };
  window.api = api;
  // As boot.ts does: every announced change reads again what shows it.
  stop = api.onChanges((tables) => void refreshTables(tables));
  const project = (await dispatch(app.api as Api, 'project:get', {})) as { value: Project };
  return { app, project: project.value, calls };
}

/** The UI inside the app's query cache, as main.tsx renders it. */
export const withQueries = (ui: ReactElement) =>
  createElement(QueryClientProvider, { client: queryClient }, ui);

afterEach(() => {
  stop?.();
  stop = null;
  queryClient.clear();
  window.localStorage.clear();
});
