import { z } from 'zod';
import type { LocalRole } from '../../domain/roles';
import type { TokenProtection } from '../../domain/sync-status';
import { channel } from '../channel';

export type Runtime = 'electron' | 'browser-harness' | 'cli' | 'test';

export interface AppInfo {
  version: string;
  schemaVersion: string;
  dataDir: string;
  databaseFile: string;
  runtime: Runtime;
  nodeVersion: string;
  electronVersion: string | null;
  /** The signed-in user and role ('owner': a laptop never signed in, which may do everything). */
  user: { name: string; role: LocalRole };
  /** How the device token is kept: encrypted by the OS, or in a file of its own (a warning). */
  tokenProtection: TokenProtection;
}

export const appContract = {
  'app:info': channel(z.object({}).strict()).returns<AppInfo>(),
};
