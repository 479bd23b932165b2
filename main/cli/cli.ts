// What every `haitai` command gets: the output streams, the data folder it works on, and the one
// way to open the app over it and close it again, whatever happens.
import {
  openAppContext,
  resolveDataDir,
  type AppContext,
  type AppContextOptions,
} from '../app/app-context';
import { isLanguage, type Language } from '../domain/i18n/messages';
import { defaultUserDataDir } from './user-data-dir';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** The clock commands stamp with (tests fix it); the system's by default. */
  now?: () => Date;
}

export interface Cli {
  io: CliIo;
  now: () => Date;
  /** --data-dir, else HAITAI_DATA_DIR, else the app's own folder. */
  dataDir(flag: string | undefined): string;
  /** Opens the app over a data folder, runs fn, and closes it. */
  withApp<T>(options: AppContextOptions, fn: (context: AppContext) => Promise<T>): Promise<T>;
}

export function createCli(io: CliIo): Cli {
  const now = io.now ?? (() => new Date());
  return {
    io,
    now,
    dataDir: (flag) => resolveDataDir(flag, defaultUserDataDir()),
    async withApp(options, fn) {
      const context = await openAppContext({ now, ...options });
      try {
        return await fn(context);
      } finally {
        await context.close();
      }
    },
  };
}

/** The language of messages: --lang, else HAITAI_LANG or the system locale. */
export function cliLanguage(env: NodeJS.ProcessEnv, flag?: string): Language {
  if (isLanguage(flag)) return flag;
  const locale = env.HAITAI_LANG || env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
