import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/app-context';

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
        await importPanels(file, opts, cli);
      },
    );
  importCommand
    .command('attendance <file>')
    .description('count a gate attendance export (.xlsx or .csv) into crew headcounts')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--dry-run', 'show the counts beside what is recorded, without writing')
    .option('--team <name=code...>', 'map a team the file names to a team code of the project')
    .action(async (file: string, opts: AttendanceOptions) => {
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, (context) =>
        importAttendance(context, file, opts, cli),
      );
    });
  importCommand
    .command('schedule <file>')
    .description(
      'import milestones and structure plans from a Primavera P6 XER or Microsoft Project XML file',
    )
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--dry-run', 'only list the projects, activities and milestones found')
    .option('--add-milestones', 'also add every milestone not imported before, with no scope')
    .option('--plan <structure=code...>', "set a structure's plan from an activity's dates")
    .action(async (file: string, opts: ScheduleOptions) => {
      const { readScheduleFile, printSchedule } = await import('../import-schedule');
      const { bytes, schedule } = readScheduleFile(file);
      printSchedule(schedule, cli.io.out);
      if (opts.dryRun) {
        cli.io.out('Dry run: nothing was written. 试运行：未写入任何数据。');
        return;
      }
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, (context) =>
        importSchedule(context, { name: path.basename(file), bytes }, opts, cli),
      );
    });
}

interface AttendanceOptions {
  dataDir?: string;
  project?: string;
  dryRun?: boolean;
  team?: string[];
}

/** Counts a gate export, prints it beside what is recorded, and imports it unless a dry run. */
async function importAttendance(
  context: AppContext,
  file: string,
  opts: AttendanceOptions,
  cli: Cli,
): Promise<void> {
  const project = await context.api['project:get'](opts.project ? { projectId: opts.project } : {});
  const projectTeams = await context.api['teams:list']({ projectId: project.id });
  const teams = (opts.team ?? []).map((pair) => {
    const [name, code] = pair.split('=');
    const team = projectTeams.find((t) => t.code === code && !t.retiredAt);
    if (!name || !team)
      throw new AppError('cli.invalid_option', {
        reason: `--team ${pair}: expected FILE_TEAM=CODE with a team code of the project`,
      });
    return { name, teamId: team.id };
  });
  const input = {
    projectId: project.id,
    fileName: path.basename(file),
    dataBase64: readBounded(file).toString('base64'),
  };
  const preview = await context.api['attendance:preview'](input);
  const { printAttendance } = await import('../import-attendance');
  printAttendance(preview, projectTeams, teams, cli.io.out);
  if (preview.mappingProblem)
    throw new AppError('import.unreadable', { file, reason: preview.mappingProblem });
  if (opts.dryRun) {
    cli.io.out('Dry run: nothing was written. 试运行：未写入任何数据。');
    return;
  }
  const done = await context.api['attendance:commit']({ ...input, teams });
  cli.io.out(
    done.alreadyImported
      ? 'This file was imported before: nothing changed. 此文件已导入，未作更改。'
      : `Imported: ${done.records} crew records on ${done.days} day(s). 已导入。`,
  );
}

/** A file's bytes, refused by size before they are read. */
function readBounded(file: string): Buffer {
  try {
    if (fs.statSync(file).size > 30 * 1024 * 1024)
      throw new AppError('import.unreadable', { file, reason: 'larger than 30 MB' });
    return fs.readFileSync(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import.unreadable', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

interface ScheduleOptions {
  dataDir?: string;
  project?: string;
  dryRun?: boolean;
  addMilestones?: boolean;
  plan?: string[];
}

/** Re-imports what was imported before, and adds what the options name: one write or none. */
async function importSchedule(
  context: AppContext,
  file: { name: string; bytes: Buffer },
  opts: ScheduleOptions,
  cli: Cli,
): Promise<void> {
  const project = await context.api['project:get'](opts.project ? { projectId: opts.project } : {});
  const input = {
    projectId: project.id,
    fileName: file.name,
    dataBase64: file.bytes.toString('base64'),
  };
  const preview = await context.api['schedule:import-preview'](input);
  const plans = (opts.plan ?? []).map((pair) => {
    const [code, activity] = pair.split('=');
    const structure = project.structures.find((s) => s.code === code);
    if (!structure || !activity)
      throw new AppError('cli.invalid_option', {
        reason: `--plan ${pair}: expected STRUCTURE=ACTIVITY with a structure of the project`,
      });
    return { structureId: structure.id, code: activity };
  });
  const milestones = opts.addMilestones
    ? preview.activities
        .filter((a) => a.milestone && !a.milestoneId && a.due)
        .map((a) => ({ code: a.code, scope: null }))
    : [];
  const result = await context.api['schedule:import-commit']({ ...input, milestones, plans });
  cli.io.out(
    `Imported: ${result.added} milestones added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.plansSet} structure plans set. 已导入。`,
  );
}

/** Checks a panel register against the project, prints what would change, and imports it. */
async function importPanels(
  file: string,
  opts: { dataDir?: string; project?: string; structure?: string; dryRun?: boolean },
  cli: Cli,
): Promise<void> {
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
}
