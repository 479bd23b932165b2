import type { Command } from 'commander';
import type { Cli } from '../cli';
import { port } from '../options';

export function registerWeb(program: Command, cli: Cli): void {
  program
    .command('web')
    .description('development only: serve the renderer in a browser against a data directory')
    .option('--data-dir <dir>', 'data directory')
    .option('--port <port>', 'port on 127.0.0.1', port, 5173)
    .action(async (opts: { dataDir?: string; port: number }) => {
      const { startHarness } = await import('../../harness/browser-harness');
      const harness = await startHarness({ dataDir: cli.dataDir(opts.dataDir), port: opts.port });
      cli.io.out(
        `Browser harness on ${harness.url} (data: ${harness.context.info.databaseFile}). Ctrl+C stops it.`,
      );
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await harness.close();
    });
}
