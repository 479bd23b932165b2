// The whole contract, gathered from the features: channel → input schema → result type. Renderer,
// preload, IPC, HTTP bridge and CLI all derive their types from here, so a renamed channel fails to
// compile everywhere. A new channel is declared in its feature's contract.ts, never here.
import type { z } from 'zod';
import type { Envelope } from '../domain/errors';
import { appContract } from '../features/app-info/contract';
import { backupsContract } from '../features/backups/contract';
import type { ResultOf } from '../features/channel';
import { panelsContract } from '../features/panels/contract';
import { projectContract } from '../features/project/contract';
import { scheduleContract } from '../features/schedule/contract';
import { attendanceContract } from '../features/attendance/contract';
import { attachmentsContract } from '../features/attachments/contract';
import { siteResourcesContract } from '../features/site-resources/contract';
import { scheduleImportContract } from '../features/schedule-import/contract';
import { setupContract } from '../features/setup/contract';
import { sheetContract } from '../features/sheet/contract';
import { siteDayContract } from '../features/site-day/contract';
import { syncContract } from '../features/sync/contract';

export type { AppInfo, Runtime } from '../features/app-info/contract';

export const contract = {
  ...appContract,
  ...projectContract,
  ...panelsContract,
  ...siteDayContract,
  ...scheduleContract,
  ...sheetContract,
  ...scheduleImportContract,
  ...siteResourcesContract,
  ...attendanceContract,
  ...attachmentsContract,
  ...setupContract,
  ...syncContract,
  ...backupsContract,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;

export const inputSchemas = Object.fromEntries(
  Object.entries(contract).map(([name, spec]) => [name, spec.input]),
) as { [K in Channel]: Contract[K]['input'] };

export type Results = { [K in Channel]: ResultOf<Contract[K]> };
export type Input<K extends Channel> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;

/** What a handler map must provide: every channel, taking unknown input. */
export type Api = { [K in Channel]: (input: unknown) => Promise<Results[K]> };

/** The object the preload (Electron) or the browser client (harness) puts on window.api. */
export interface WindowApi {
  invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Envelope<Results[K]>>;
  /** Calls listener with the tables each change no call waited for changed; returns the stop. */
  onChanges(listener: (tables: string[]) => void): () => void;
}
