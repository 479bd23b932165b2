import type { Command } from 'commander';
import type { Cli } from '../cli';

export function registerBackup(program: Command, cli: Cli): void {
  program
    .command('backup')
    .description('back up the database now (SQLite online backup), or list the backups')
    .option('--data-dir <dir>', 'data directory')
    .option('--list', 'list the backups, newest first, instead of making one')
    .action(async (opts: { dataDir?: string; list?: boolean }) => {
      const dataDir = cli.dataDir(opts.dataDir);
      const { listBackupInfo } = await import('../../features/backups/backup-service');
      if (!opts.list) {
        await cli.withApp({ dataDir, runtime: 'cli' }, async (context) => {
          const made = await context.api['backups:create']({});
          cli.io.out(`Backed up to ${made.file}`);
        });
        return;
      }
      const backups = listBackupInfo(dataDir);
      if (backups.length === 0) cli.io.out('No backups.');
      for (const b of backups)
        cli.io.out(
          `${b.name}  ${b.createdAt}  ${b.reason}  ${(b.sizeBytes / 1048576).toFixed(1)} MB`,
        );
    });
}
