import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import path from 'node:path';
import { port, positiveInteger, retentionDays } from '../options';
import { DEFAULT_FILE_RETENTION_DAYS } from '../../domain/file-retention';

export function registerServer(program: Command, cli: Cli): void {
  const server = program
    .command('server')
    .description(
      'run the sync server: SQLite in --data-dir, or PostgreSQL when DATABASE_URL is set',
    )
    .option('--data-dir <dir>', 'folder for the server database (SQLite)', './haitai-server')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', port, 8787)
    .option(
      '--project-quota-mb <megabytes>',
      'the most one project may store (its log and files)',
      positiveInteger,
    )
    .option(
      '--trust-proxy <addresses>',
      'behind a reverse proxy: its addresses (comma-separated), whose X-Forwarded-For is believed',
    )
    .option(
      '--file-retention-days <days>',
      'collect files no row has named this long, once a day (default 30)',
      retentionDays,
    )
    .option('--admin-user <name>', 'create this administrator if the server has no users yet')
    .option('--admin-password <password>', 'password for --admin-user (or HAITAI_ADMIN_PASSWORD)')
    .action(
      async (opts: {
        dataDir: string;
        host: string;
        port: number;
        trustProxy?: string;
        projectQuotaMb?: number;
        fileRetentionDays?: number;
        adminUser?: string;
        adminPassword?: string;
      }) => {
        const { openServer } = await import('../../../server/index');
        const server = await openServer({
          dataDir: opts.dataDir,
          databaseUrl: cli.io.env.DATABASE_URL,
          // With PostgreSQL, attachments' files go in the database unless a shared folder is given.
          blobDir: cli.io.env.BLOB_DIR,
          logger: true,
          ...(opts.projectQuotaMb ? { quotaBytes: opts.projectQuotaMb * 1024 * 1024 } : {}),
          ...(opts.fileRetentionDays ? { fileRetentionDays: opts.fileRetentionDays } : {}),
          ...(opts.trustProxy
            ? { trustProxy: opts.trustProxy.split(',').map((a) => a.trim()) }
            : {}),
        });
        try {
          if ((await server.store.countUsers()) === 0) {
            const password = opts.adminPassword ?? cli.io.env.HAITAI_ADMIN_PASSWORD;
            if (!opts.adminUser || !password || password.length < 8) {
              throw new AppError('cli.invalid_option', {
                reason:
                  'the server has no users: give --admin-user NAME and --admin-password (8 characters or more)',
              });
            }
            await server.store.createUser({ username: opts.adminUser, password, isAdmin: true });
            cli.io.out(`Administrator ${opts.adminUser} created.`);
          }
          const address = await server.app.listen({ host: opts.host, port: opts.port });
          cli.io.out(
            `Sync server on ${address} (${cli.io.env.DATABASE_URL ? 'PostgreSQL' : path.resolve(opts.dataDir)}). Ctrl+C stops it.`,
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
  registerUsage(server, cli);
  registerGc(server, cli);
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function registerGc(server: Command, cli: Cli): void {
  server
    .command('gc')
    .description(
      'remove the files no row of a project has named for the retention period (never one a live row names)',
    )
    .option('--data-dir <dir>', 'folder of the server database (SQLite)', './haitai-server')
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option(
      '--retention-days <days>',
      `keep a file no row names this long (default ${DEFAULT_FILE_RETENTION_DAYS})`,
      retentionDays,
      DEFAULT_FILE_RETENTION_DAYS,
    )
    .action(async (opts: { dataDir: string; dryRun?: boolean; retentionDays: number }) => {
      const { openServer } = await import('../../../server/index');
      const { collectServerFiles } = await import('../../../server/file-collector');
      const running = await openServer({
        dataDir: opts.dataDir,
        databaseUrl: cli.io.env.DATABASE_URL,
        blobDir: cli.io.env.BLOB_DIR,
        fileRetentionDays: 0,
      });
      try {
        const done = await collectServerFiles(running.store.knex, running.blobs, {
          retentionDays: opts.retentionDays,
          dryRun: opts.dryRun ?? false,
          now: () => cli.now().getTime(),
        });
        const verb = done.dryRun ? 'would remove' : 'removed';
        cli.io.out(`project\tfiles\tstored\t${verb}`);
        for (const p of done.projects)
          cli.io.out(
            `${p.projectId}\t${p.files}\t${mb(p.bytes)}\t${p.collectFiles} (${mb(p.collectBytes)})`,
          );
        cli.io.out(
          `${done.dryRun ? 'Would remove' : 'Removed'} ${done.removedFiles} files (${mb(done.removedBytes)}) no project holds any more; retention ${done.retentionDays} days.`,
        );
      } finally {
        await running.close();
      }
    });
}

function registerUsage(server: Command, cli: Cli): void {
  server
    .command('usage')
    .description("each project's storage on the server: its log and its files, against the quota")
    .option('--data-dir <dir>', 'folder of the server database (SQLite)', './haitai-server')
    .action(async (opts: { dataDir: string }) => {
      const { openServer } = await import('../../../server/index');
      const running = await openServer({
        dataDir: opts.dataDir,
        databaseUrl: cli.io.env.DATABASE_URL,
        fileRetentionDays: 0,
      });
      try {
        cli.io.out(`project\tlog\tfiles\tof quota ${mb(running.store.quotaBytes)}`);
        for (const u of await running.store.usage())
          cli.io.out(
            `${u.projectId}\t${mb(u.logBytes)}\t${mb(u.fileBytes)}\t${(((u.logBytes + u.fileBytes) / running.store.quotaBytes) * 100).toFixed(1)} %`,
          );
      } finally {
        await running.close();
      }
    });
}
