// The `haitai` command: headless work over a data directory, in the user's language.
import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/errors';
import { describeError, toAppError } from '../domain/i18n/translate';
import { APP_VERSION } from '../domain/version';
import { cliLanguage, createCli, type CliIo } from './cli';

import { registerDemo } from './commands/demo';
import { registerImport } from './commands/import';
import { registerWeb } from './commands/web';
import { registerServer } from './commands/server';
import { registerSync } from './commands/sync';
import { registerSheet } from './commands/sheet';
import { registerRecord } from './commands/record';
import { registerForecast } from './commands/forecast';
import { registerBackup } from './commands/backup';
import { registerRestore } from './commands/restore';
import { registerUser } from './commands/user';
import { registerProject } from './commands/project';
import { registerPhotos } from './commands/photos';
import { registerGc } from './commands/gc';

export type { CliIo } from './cli';

function langFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  return i >= 0 ? argv[i + 1] : undefined;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('haitai')
    .description('Haitai Progress — 海太进度 command line')
    .version(APP_VERSION)
    .option('--lang <lang>', 'message language: zh-CN or en (before the command)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      // Usage errors are reported by runCli, translated; commander's own line is English only.
      outputError: () => {},
    });

  const cli = createCli(io);

  registerDemo(program, cli);
  registerImport(program, cli);
  registerWeb(program, cli);
  registerServer(program, cli);
  registerSync(program, cli);
  registerSheet(program, cli);
  registerRecord(program, cli);
  registerForecast(program, cli);
  registerBackup(program, cli);
  registerRestore(program, cli);
  registerUser(program, cli);
  registerProject(program, cli);
  registerPhotos(program, cli);
  registerGc(program, cli);

  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 2 bad usage or input, 1 anything else. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const lang = cliLanguage(io.env, program.opts<{ lang?: string }>().lang ?? langFlag(argv));
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      const reason = error.message.replace(/^error:\s*/, '');
      io.err(describeError(lang, new AppError('cli.invalid_option', { reason })));
      io.err('haitai --help');
      return 2;
    }
    const appError = toAppError(error);
    io.err(describeError(lang, appError));
    return appError.code === 'input.invalid' || appError.code === 'cli.invalid_option' ? 2 : 1;
  }
}
