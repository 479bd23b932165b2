import type { Command } from 'commander';
import type { Cli } from '../cli';
import { retentionDays } from '../options';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function registerGc(program: Command, cli: Cli): void {
  program
    .command('gc')
    .description(
      "remove this laptop's attachment files that no row has named for the retention period (never one a live row, a backup or an upload under way needs)",
    )
    .option('--data-dir <dir>', 'data directory')
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option(
      '--retention-days <days>',
      'keep a file no row names this long (remembered as the laptop setting unless --dry-run; default 30)',
      retentionDays,
    )
    .action(async (opts: { dataDir?: string; dryRun?: boolean; retentionDays?: number }) => {
      const dataDir = cli.dataDir(opts.dataDir);
      const { collectLaptopFiles, setFileRetentionDays } =
        await import('../../features/attachments/file-collector');
      await cli.withApp({ dataDir, runtime: 'cli' }, async (context) => {
        if (opts.retentionDays !== undefined && !opts.dryRun)
          await setFileRetentionDays(context.db, opts.retentionDays);
        const done = await collectLaptopFiles(
          { db: context.db, blobs: context.blobs, dataDir },
          {
            dryRun: opts.dryRun ?? false,
            now: cli.now(),
            ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {}),
          },
        );
        for (const c of done.collected)
          cli.io.out(`${c.sha256}\t${c.bytes}${c.part ? '\tpartial' : ''}`);
        cli.io.out(
          `${done.dryRun ? 'Would remove' : 'Removed'} ${done.collectFiles} of ${done.files} files (${mb(done.collectBytes)} of ${mb(done.bytes)}); retention ${done.retentionDays} days; ${done.backupsRead} backups read.`,
        );
      });
    });
}
