import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';

export function registerRestore(program: Command, cli: Cli): void {
  program
    .command('restore')
    .description(
      'put a backup in place of the database (close the app first); the current one is kept aside',
    )
    .option('--data-dir <dir>', 'data directory')
    .option('--backup <name>', 'the backup to restore (see haitai backup --list)')
    .option('--latest', 'restore the newest backup')
    .action(async (opts: { dataDir?: string; backup?: string; latest?: boolean }) => {
      const dataDir = cli.dataDir(opts.dataDir);
      const { listBackupInfo, swapInBackup } =
        await import('../../features/backups/backup-service');
      const name = opts.latest ? listBackupInfo(dataDir)[0]?.name : opts.backup;
      if (!name)
        throw new AppError('cli.invalid_option', {
          reason: opts.latest ? 'there is no backup to restore' : 'give --backup NAME or --latest',
        });
      const result = await swapInBackup(dataDir, name, cli.now());
      cli.io.out(
        `Restored ${result.restored}; the previous database is kept at ${result.keptAside}`,
      );
    });
}
