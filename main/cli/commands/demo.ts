import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import path from 'node:path';
import { Option } from 'commander';
import { projectCount } from '../../features/project/project-service';
import { DATABASE_FILENAME } from '../../app/app-context';

export function registerDemo(program: Command, cli: Cli): void {
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
      const dataDir = cli.dataDir(opts.dataDir);
      if (opts.scale === 'reference') {
        await cli.withApp({ dataDir, runtime: 'cli' }, async (context) => {
          if ((await projectCount(context.db)) > 0) {
            throw new AppError('cli.invalid_option', {
              reason: `--scale reference needs an empty data directory; ${dataDir} has data`,
            });
          }
          const { seedReferenceProject } = await import('../../features/demo/reference-data');
          const started = performance.now();
          const result = await seedReferenceProject(context.db, cli.now);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          cli.io.out(
            `Reference dataset created in ${context.info.databaseFile} in ${seconds} s: ${JSON.stringify(result.counts)}`,
          );
        });
        return;
      }
      await cli.withApp({ dataDir, runtime: 'cli', seedDemo: true }, async (context) => {
        const projects = await projectCount(context.db);
        cli.io.out(
          context.seededDemo
            ? `Demo project created in ${path.join(dataDir, DATABASE_FILENAME)}`
            : `${path.join(dataDir, DATABASE_FILENAME)} already holds ${projects} project(s); nothing was added.`,
        );
      });
    });
}
