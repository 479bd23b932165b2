import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import path from 'node:path';

export function registerImport(program: Command, cli: Cli): void {
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
        const { readImportFile, printPreview } = await import('../import-panels');
        const data = readImportFile(file);
        await cli.withApp(
          {
            dataDir: cli.dataDir(opts.dataDir),
            runtime: 'cli',
          },
          async (context) => {
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
            printPreview(preview, cli.io.out);
            if (preview.issues.length) {
              throw new AppError('import.has_errors', { count: preview.issues.length });
            }
            if (opts.dryRun) {
              cli.io.out('Dry run: nothing was written. 试运行：未写入任何数据。');
              return;
            }
            await context.api['import:commit'](input);
            cli.io.out(
              `Imported: ${preview.counts.create} created, ${preview.counts.update} updated, ${preview.counts.unchanged} unchanged.`,
            );
          },
        );
      },
    );
  importCommand
    .command('schedule <file>')
    .description('read a Primavera P6 XER or Microsoft Project XML file and list what it holds')
    .option('--dry-run', 'only list the projects, activities and milestones found (the default)')
    .action(async (file: string) => {
      const { readScheduleFile, printSchedule } = await import('../import-schedule');
      printSchedule(readScheduleFile(file), cli.io.out);
      cli.io.out(
        'Nothing was written: milestones are chosen and mapped in the app (Schedule). 未写入任何数据。',
      );
    });
}
