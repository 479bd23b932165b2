// The typed contract: channel -> input schema -> result type. Renderer, preload, IPC, HTTP bridge
// and CLI all derive their types from here, so a renamed channel fails to compile everywhere.
import { z } from 'zod';
import type { Envelope } from '../domain/errors';
import { idSchema } from '../domain/ids';
import type { Panel } from '../domain/panel';
import type { Project } from '../domain/project';
import type { Channel } from './channels';

export const inputSchemas = {
  'app:info': z.object({}).strict(),
  'project:get': z.object({ projectId: idSchema.optional() }).strict(),
  'panels:list': z.object({ projectId: idSchema, structureId: idSchema.optional() }).strict(),
  'panels:get': z.object({ panelId: idSchema }).strict(),
} satisfies Record<Channel, z.ZodType>;

export type Runtime = 'electron' | 'browser-harness' | 'cli' | 'test';

export interface AppInfo {
  version: string;
  schemaVersion: string;
  dataDir: string;
  databaseFile: string;
  runtime: Runtime;
  nodeVersion: string;
  electronVersion: string | null;
}

export interface Results {
  'app:info': AppInfo;
  'project:get': Project;
  'panels:list': Panel[];
  'panels:get': Panel;
}

export type Input<K extends Channel> = z.input<(typeof inputSchemas)[K]>;
export type ParsedInput<K extends Channel> = z.output<(typeof inputSchemas)[K]>;

/** What a handler map must provide: every channel, taking unknown input. */
export type Api = { [K in Channel]: (input: unknown) => Promise<Results[K]> };

/** The object the preload (Electron) or the browser client (harness) puts on window.api. */
export interface WindowApi {
  invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Envelope<Results[K]>>;
}
