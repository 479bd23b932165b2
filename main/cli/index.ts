// The `haitai` command: headless work over a data directory, in the user's language.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import { AppError } from '../domain/errors';
import { ROLES, type Role } from '../domain/roles';
import { SHEET_FORMATS, SHEET_LANGUAGES } from '../domain/daily-sheet';
import { daysBetween, MAX_RANGE_DAYS, siteDaySchema } from '../domain/dates';
import { describeError, toAppError } from '../domain/i18n/translate';
import { isLanguage, type Language } from '../domain/i18n/messages';
import { openAppContext, resolveDataDir, DATABASE_FILENAME } from '../app/app-context';
import { projectCount } from '../services/project-service';
import { APP_VERSION } from '../domain/version';
import { defaultUserDataDir } from './user-data-dir';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

function cliLanguage(env: NodeJS.ProcessEnv, flag?: string): Language {
  if (isLanguage(flag)) return flag;
  const locale = env.HAITAI_LANG || env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function langFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  return i >= 0 ? argv[i + 1] : undefined;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return n;
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

  const dataDirOption = (dir: string | undefined) => resolveDataDir(dir, defaultUserDataDir());

  program
    .command('demo')
    .description('create the illustrative Haimen shaft demo project in a data directory')
    .option('--data-dir <dir>', 'data directory (default: the app’s own, or HAITAI_DATA_DIR)')
    .addOption(
      new Option(
        '--scale <scale>',
        'demo: the Haimen shaft; reference: the benchmark dataset of DESIGN.md',
      )
        .choices(['demo', 'reference'])
        .default('demo'),
    )
    .action(async (opts: { dataDir?: string; scale: 'demo' | 'reference' }) => {
      const dataDir = dataDirOption(opts.dataDir);
      if (opts.scale === 'reference') {
        const context = await openAppContext({ dataDir, runtime: 'cli' });
        try {
          if ((await projectCount(context.db)) > 0) {
            throw new AppError('cli.invalid_option', {
              reason: `--scale reference needs an empty data directory; ${dataDir} has data`,
            });
          }
          const { seedReferenceProject } = await import('../services/reference-data');
          const started = Date.now();
          const result = await seedReferenceProject(context.db, () => new Date());
          io.out(
            `Reference dataset created in ${context.info.databaseFile} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result.counts)}`,
          );
        } finally {
          await context.close();
        }
        return;
      }
      const context = await openAppContext({ dataDir, runtime: 'cli', seedDemo: true });
      try {
        const projects = await projectCount(context.db);
        io.out(
          context.seededDemo
            ? `Demo project created in ${path.join(dataDir, DATABASE_FILENAME)}`
            : `${path.join(dataDir, DATABASE_FILENAME)} already holds ${projects} project(s); nothing was added.`,
        );
      } finally {
        await context.close();
      }
    });

  const importCommand = program.command('import').description('import data from files');
  importCommand
    .command('panels <file>')
    .description('import a panel register (.xlsx or .csv); all rows or none')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the only or first project)')
    .option('--structure <code>', 'structure code for rows that do not name one')
    .option('--dry-run', 'check the file and show what would change, without writing')
    .action(
      async (
        file: string,
        opts: { dataDir?: string; project?: string; structure?: string; dryRun?: boolean },
      ) => {
        const { readImportFile, printPreview } = await import('./import-panels');
        const data = readImportFile(file);
        const context = await openAppContext({
          dataDir: dataDirOption(opts.dataDir),
          runtime: 'cli',
        });
        try {
          const project = await context.api['project:get'](
            opts.project ? { projectId: opts.project } : {},
          );
          const structure = opts.structure
            ? project.structures.find((s) => s.code === opts.structure)
            : undefined;
          if (opts.structure && !structure) {
            throw new AppError('cli.invalid_option', {
              reason: `--structure ${opts.structure}: no such structure`,
            });
          }
          const input = {
            projectId: project.id,
            ...(structure ? { structureId: structure.id } : {}),
            fileName: path.basename(file),
            dataBase64: data.toString('base64'),
          };
          const preview = await context.api['import:preview'](input);
          printPreview(preview, io.out);
          if (preview.issues.length) {
            throw new AppError('import.has_errors', { count: preview.issues.length });
          }
          if (opts.dryRun) {
            io.out('Dry run: nothing was written. 试运行：未写入任何数据。');
            return;
          }
          await context.api['import:commit'](input);
          io.out(
            `Imported: ${preview.counts.create} created, ${preview.counts.update} updated, ${preview.counts.unchanged} unchanged.`,
          );
        } finally {
          await context.close();
        }
      },
    );

  program
    .command('web')
    .description('development only: serve the renderer in a browser against a data directory')
    .option('--data-dir <dir>', 'data directory')
    .option('--port <port>', 'port on 127.0.0.1', port, 5173)
    .action(async (opts: { dataDir?: string; port: number }) => {
      const { startHarness } = await import('./web');
      const harness = await startHarness({ dataDir: dataDirOption(opts.dataDir), port: opts.port });
      io.out(
        `Browser harness on ${harness.url} (data: ${harness.context.info.databaseFile}). Ctrl+C stops it.`,
      );
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await harness.close();
    });

  program
    .command('server')
    .description(
      'run the sync server: SQLite in --data-dir, or PostgreSQL when DATABASE_URL is set',
    )
    .option('--data-dir <dir>', 'folder for the server database (SQLite)', './haitai-server')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', port, 8787)
    .option('--admin-user <name>', 'create this administrator if the server has no users yet')
    .option('--admin-password <password>', 'password for --admin-user (or HAITAI_ADMIN_PASSWORD)')
    .action(
      async (opts: {
        dataDir: string;
        host: string;
        port: number;
        adminUser?: string;
        adminPassword?: string;
      }) => {
        const { openServer } = await import('../../server/index');
        const server = await openServer({
          dataDir: opts.dataDir,
          databaseUrl: io.env.DATABASE_URL,
          logger: true,
        });
        try {
          if ((await server.store.countUsers()) === 0) {
            const password = opts.adminPassword ?? io.env.HAITAI_ADMIN_PASSWORD;
            if (!opts.adminUser || !password || password.length < 8) {
              throw new AppError('cli.invalid_option', {
                reason:
                  'the server has no users: give --admin-user NAME and --admin-password (8 characters or more)',
              });
            }
            await server.store.createUser({ username: opts.adminUser, password, isAdmin: true });
            io.out(`Administrator ${opts.adminUser} created.`);
          }
          const address = await server.app.listen({ host: opts.host, port: opts.port });
          io.out(
            `Sync server on ${address} (${io.env.DATABASE_URL ? 'PostgreSQL' : path.resolve(opts.dataDir)}). Ctrl+C stops it.`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', () => resolve());
            process.once('SIGTERM', () => resolve());
          });
        } finally {
          await server.close();
        }
      },
    );

  program
    .command('sync')
    .description('sync a data directory with a sync server (sign in once; then just --data-dir)')
    .option('--data-dir <dir>', 'data directory')
    .option('--server <url>', 'sync server address, e.g. http://127.0.0.1:8787 (first time)')
    .option('--username <name>', 'user name (first time)')
    .option('--password <password>', 'password (first time; or HAITAI_PASSWORD)')
    .option('--project <id>', 'follow this project (default: the first the user may see)')
    .option('--publish', 'send this laptop’s project to the server (the first laptop)')
    .option('--watch', 'keep syncing until Ctrl+C: on changes here and on the server')
    .action(
      async (opts: {
        dataDir?: string;
        server?: string;
        username?: string;
        password?: string;
        project?: string;
        publish?: boolean;
        watch?: boolean;
      }) => {
        const context = await openAppContext({
          dataDir: dataDirOption(opts.dataDir),
          runtime: 'cli',
          seedDemo: Boolean(opts.publish),
        });
        try {
          let status = await context.api['sync:status']({});
          if (opts.server) {
            const password = opts.password ?? io.env.HAITAI_PASSWORD;
            if (!opts.username || !password)
              throw new AppError('cli.invalid_option', {
                reason: '--server needs --username and --password',
              });
            status = await context.api['sync:connect']({
              url: opts.server,
              username: opts.username,
              password,
              deviceName: `cli ${path.basename(context.info.dataDir)}`,
              publish: Boolean(opts.publish),
              ...(opts.project ? { projectId: opts.project } : {}),
            });
          } else {
            status = await context.api['sync:now']({});
          }
          const report = (s: typeof status) =>
            io.out(
              `${s.state}: project ${s.projectId}, ${s.pendingChanges} pending, ${s.keptAside} kept aside, ${s.rejected} refused; last sync ${s.lastSyncAt ?? 'never'}`,
            );
          report(status);
          if (opts.watch) {
            context.sync.start();
            const stop = context.sync.onStatus(
              () =>
                void context.api['sync:status']({}).then((s) => s.state === 'idle' && report(s)),
            );
            await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
            stop();
          }
        } finally {
          await context.close();
        }
      },
    );

  program
    .command('sheet')
    .description('export the daily progress sheet (施工日报) of a site day')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--date <YYYY-MM-DD>', 'site day')
    .option('--from <YYYY-MM-DD>', 'first day of a range (one file, a day per page or worksheet)')
    .option('--to <YYYY-MM-DD>', 'last day of the range')
    .addOption(
      new Option('--format <format>', 'file format').choices([...SHEET_FORMATS]).default('pdf'),
    )
    .addOption(
      new Option('--lang <lang>', 'sheet language').choices([...SHEET_LANGUAGES]).default('zh-CN'),
    )
    .requiredOption('--out <file>', 'file to write')
    .action(
      async (opts: {
        dataDir?: string;
        project?: string;
        date?: string;
        from?: string;
        to?: string;
        format: 'pdf' | 'xlsx' | 'csv' | 'html';
        lang: 'zh-CN' | 'en' | 'bilingual';
        out: string;
      }) => {
        const day = (flag: string, value: string | undefined) => {
          if (!value || !siteDaySchema.safeParse(value).success)
            throw new AppError('cli.invalid_option', {
              reason: `${flag} ${value ?? ''}: expected a calendar date YYYY-MM-DD`,
            });
          return value;
        };
        let days: string[];
        if (opts.date) days = [day('--date', opts.date)];
        else if (opts.from || opts.to) {
          const from = day('--from', opts.from);
          const to = day('--to', opts.to);
          days = daysBetween(from, to);
          if (!days.length || days.length > MAX_RANGE_DAYS)
            throw new AppError('cli.invalid_option', {
              reason: `--from must not be after --to, and a range holds at most ${MAX_RANGE_DAYS} days`,
            });
        } else
          throw new AppError('cli.invalid_option', { reason: 'give --date, or --from and --to' });
        const { exportSheet } = await import('./sheet');
        const context = await openAppContext({
          dataDir: dataDirOption(opts.dataDir),
          runtime: 'cli',
        });
        try {
          const file = await exportSheet(context, {
            projectId: opts.project,
            days,
            format: opts.format,
            lang: opts.lang,
            out: opts.out,
          });
          io.out(`Wrote ${file} (${days.length} day${days.length > 1 ? 's' : ''})`);
        } finally {
          await context.close();
        }
      },
    );

  program
    .command('forecast')
    .description('milestone forecasts (P50, P90, float, status) as the Schedule screen shows them')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--milestone <id>', 'only this milestone')
    .option('--as-of <YYYY-MM-DD>', 'forecast as of this site day (default: as the app opens)')
    .option('--json', 'print JSON instead of text')
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['zh-CN', 'en']))
    .action(
      async (opts: {
        dataDir?: string;
        project?: string;
        milestone?: string;
        asOf?: string;
        json?: boolean;
        lang?: Language;
      }) => {
        if (opts.asOf !== undefined && !siteDaySchema.safeParse(opts.asOf).success)
          throw new AppError('cli.invalid_option', {
            reason: `--as-of ${opts.asOf}: expected a calendar date YYYY-MM-DD`,
          });
        const lang = opts.lang ?? cliLanguage(io.env, program.opts<{ lang?: string }>().lang);
        const { forecastLines, forecastReport } = await import('./forecast');
        const context = await openAppContext({
          dataDir: dataDirOption(opts.dataDir),
          runtime: 'cli',
        });
        try {
          const report = await forecastReport(context, {
            projectId: opts.project,
            milestoneId: opts.milestone,
            asOf: opts.asOf,
            lang,
          });
          if (opts.json) io.out(JSON.stringify(report, null, 2));
          else for (const line of forecastLines(report, lang)) io.out(line);
        } finally {
          await context.close();
        }
      },
    );

  program
    .command('backup')
    .description('back up the database now (SQLite online backup), or list the backups')
    .option('--data-dir <dir>', 'data directory')
    .option('--list', 'list the backups, newest first, instead of making one')
    .action(async (opts: { dataDir?: string; list?: boolean }) => {
      const dataDir = dataDirOption(opts.dataDir);
      const { listBackupInfo } = await import('../services/backup-service');
      if (!opts.list) {
        const context = await openAppContext({ dataDir, runtime: 'cli' });
        try {
          const made = await context.api['backups:create']({});
          io.out(`Backed up to ${made.file}`);
        } finally {
          await context.close();
        }
        return;
      }
      const backups = listBackupInfo(dataDir);
      if (backups.length === 0) io.out('No backups.');
      for (const b of backups)
        io.out(`${b.name}  ${b.createdAt}  ${b.reason}  ${(b.sizeBytes / 1048576).toFixed(1)} MB`);
    });

  program
    .command('restore')
    .description(
      'put a backup in place of the database (close the app first); the current one is kept aside',
    )
    .option('--data-dir <dir>', 'data directory')
    .option('--backup <name>', 'the backup to restore (see haitai backup --list)')
    .option('--latest', 'restore the newest backup')
    .action(async (opts: { dataDir?: string; backup?: string; latest?: boolean }) => {
      const dataDir = dataDirOption(opts.dataDir);
      const { listBackupInfo, swapInBackup } = await import('../services/backup-service');
      const name = opts.latest ? listBackupInfo(dataDir)[0]?.name : opts.backup;
      if (!name)
        throw new AppError('cli.invalid_option', {
          reason: opts.latest ? 'there is no backup to restore' : 'give --backup NAME or --latest',
        });
      const result = await swapInBackup(dataDir, name);
      io.out(`Restored ${result.restored}; the previous database is kept at ${result.keptAside}`);
    });

  const users = program.command('user').description('manage sync server users');
  users
    .command('add')
    .description('add a user to the sync server, with a role on a project (or * for all)')
    .option('--data-dir <dir>', 'folder of the server database (SQLite)', './haitai-server')
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--password <password>', 'password, 8 characters or more')
    .option('--name <display>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('engineer'))
    .option('--project <id>', 'project id, or * for every project', '*')
    .action(
      async (opts: {
        dataDir: string;
        username: string;
        password: string;
        name?: string;
        role: Role;
        project: string;
      }) => {
        if (opts.password.length < 8)
          throw new AppError('cli.invalid_option', {
            reason: '--password needs 8 characters or more',
          });
        const { openServer } = await import('../../server/index');
        const server = await openServer({
          dataDir: opts.dataDir,
          databaseUrl: io.env.DATABASE_URL,
        });
        try {
          await server.store.createUser({
            username: opts.username,
            password: opts.password,
            ...(opts.name ? { displayName: opts.name } : {}),
            isAdmin: opts.role === 'admin',
            memberships: [{ projectId: opts.project, role: opts.role }],
          });
          io.out(
            `User ${opts.username} added as ${opts.role} on ${opts.project === '*' ? 'every project' : opts.project}.`,
          );
        } finally {
          await server.close();
        }
      },
    );

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
