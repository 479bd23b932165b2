// `haitai project list | export | create`: a project's set-up as a definition file, and back.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors';
import { MAX_DEFINITION_BYTES } from '../../domain/project-definition';
import type { Cli } from '../cli';

/** A definition file, bounded before it is read, parsed as JSON or refused by name. */
export function readDefinitionFile(file: string): unknown {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_DEFINITION_BYTES)
      throw new AppError('import.unreadable', {
        file,
        reason: `${(size / 1048576).toFixed(1)} MB, over the ${MAX_DEFINITION_BYTES / 1048576} MB a definition may be`,
      });
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import.unreadable', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('import.unreadable', { file, reason: (error as Error).message });
  }
}

export function registerProject(program: Command, cli: Cli): void {
  const project = program.command('project').description('projects: list, export, create');
  project
    .command('list')
    .description('list the projects in the data directory')
    .option('--data-dir <dir>', 'data directory')
    .action(async (opts: { dataDir?: string }) => {
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, async (context) => {
        for (const p of await context.api['project:list']({}))
          cli.io.out(
            `${p.active ? '*' : ' '} ${p.code}  ${p.nameZh} / ${p.nameEn}${p.isDemo ? '  (demo)' : ''}  ${p.id}`,
          );
      });
    });
  project
    .command('export')
    .description('write a project set-up (no progress) as a definition file')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .requiredOption('--out <file>', 'the JSON file to write')
    .action(async (opts: { dataDir?: string; project?: string; out: string }) => {
      const { exportDefinition } = await import('../../features/setup/definition-service');
      const { writeAtomically } = await import('../sheet');
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, async (context) => {
        const definition = await exportDefinition(context.db, opts.project);
        const data = Buffer.from(`${JSON.stringify(definition, null, 2)}\n`, 'utf8');
        const file = await writeAtomically(opts.out, data);
        const panels = definition.structures.reduce((n, s) => n + s.panels.length, 0);
        cli.io.out(
          `Wrote ${file}: ${definition.structures.length} structure(s), ${panels} panels, ${definition.teams.length} teams, ${definition.milestones.length} milestones`,
        );
      });
    });
  project
    .command('create')
    .description('create a project from a definition file (new ids; all or nothing)')
    .option('--data-dir <dir>', 'data directory')
    .requiredOption('--file <file>', 'the definition file')
    .action(async (opts: { dataDir?: string; file: string }) => {
      const definition = readDefinitionFile(opts.file);
      const { createFromDefinition } = await import('../../features/setup/definition-service');
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, async (context) => {
        const created = await createFromDefinition(context.store, definition);
        cli.io.out(`Created project ${created.code} (${created.nameZh}) ${created.id}`);
      });
    });
}
