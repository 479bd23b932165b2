import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import path from 'node:path';

export function registerSync(program: Command, cli: Cli): void {
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
        await cli.withApp(
          {
            dataDir: cli.dataDir(opts.dataDir),
            runtime: 'cli',
            seedDemo: Boolean(opts.publish),
          },
          async (context) => {
            let status = await context.api['sync:status']({});
            if (opts.server) {
              const password = opts.password ?? cli.io.env.HAITAI_PASSWORD;
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
              cli.io.out(
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
          },
        );
      },
    );
}
