// `haitai photos add` and `haitai photos list`: a camera folder into the project from a shell, each
// photo on the site day of its EXIF time (or the day given), and a day's photos listed.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../../app/app-context';
import { ATTACHMENT_LIMITS } from '../../domain/attachments';
import { siteDaySchema } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import type { Language } from '../../domain/i18n/messages';
import { describeError, toAppError } from '../../domain/i18n/translate';
import { cliLanguage, type Cli } from '../cli';

interface AddOptions {
  dataDir?: string;
  project?: string;
  panel?: string;
  date?: string;
  caption?: string;
}

const checkDate = (date: string | undefined) => {
  if (date !== undefined && !siteDaySchema.safeParse(date).success)
    throw new AppError('cli.invalid_option', {
      reason: `--date ${date}: expected a calendar date YYYY-MM-DD`,
    });
};

async function panelIdOf(context: AppContext, projectId: string, code: string | undefined) {
  if (code === undefined) return undefined;
  const panels = await context.api['panels:list']({ projectId });
  const panel = panels.find((p) => p.code === code);
  if (!panel)
    throw new AppError('cli.invalid_option', {
      reason: `--panel ${code}: no panel of the project has this code`,
    });
  return panel.id;
}

/** A file's bytes and time, refused by size before it is read. */
function readPhoto(file: string): { bytes: Buffer; modifiedAt: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new AppError('attachment.refused', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  if (stat.size > ATTACHMENT_LIMITS.bytes)
    throw new AppError('attachment.refused', {
      file,
      reason: `it is larger than ${ATTACHMENT_LIMITS.bytes / 1048576} MB`,
    });
  return { bytes: fs.readFileSync(file), modifiedAt: stat.mtime.toISOString() };
}

async function addPhotos(
  context: AppContext,
  files: string[],
  opts: AddOptions,
  cli: Cli,
  lang: Language,
) {
  const project = await context.api['project:get'](opts.project ? { projectId: opts.project } : {});
  const panelId = await panelIdOf(context, project.id, opts.panel);
  let refused = 0;
  for (const [i, file] of files.entries()) {
    const counter = `[${i + 1}/${files.length}]`;
    try {
      const { bytes, modifiedAt } = readPhoto(file);
      const a = await context.api['attachments:add']({
        projectId: project.id,
        fileName: path.basename(file),
        dataBase64: bytes.toString('base64'),
        modifiedAt,
        ...(opts.date ? { siteDay: opts.date } : {}),
        ...(panelId ? { panelId } : {}),
        ...(opts.caption ? { caption: opts.caption } : {}),
      });
      const from = { exif: 'EXIF', file: 'file time 文件时间', given: '--date' }[a.takenFrom];
      cli.io.out(`${counter} ${path.basename(file)} → ${a.takenAt.replace('T', ' ')} (${from})`);
    } catch (error) {
      refused += 1;
      cli.io.err(`${counter} ${describeError(lang, toAppError(error))}`);
    }
  }
  cli.io.out(
    `Added ${files.length - refused} of ${files.length} file(s); ${refused} refused. 已添加 ${files.length - refused} 个，拒绝 ${refused} 个。`,
  );
  if (refused)
    throw new AppError('input.invalid', {
      issues: [{ path: 'files', message: `${refused} file(s) refused` }],
    });
}

async function listPhotos(
  context: AppContext,
  opts: { project?: string; date: string; json?: boolean },
  cli: Cli,
) {
  const project = await context.api['project:get'](opts.project ? { projectId: opts.project } : {});
  const [list, panels] = await Promise.all([
    context.api['attachments:list']({ projectId: project.id, siteDay: opts.date }),
    context.api['panels:list']({ projectId: project.id }),
  ]);
  if (opts.json) {
    cli.io.out(JSON.stringify(list, null, 2));
    return;
  }
  const code = new Map(panels.map((p) => [p.id, p.code]));
  cli.io.out(`${opts.date}: ${list.length} file(s) / 个文件`);
  for (const a of list)
    cli.io.out(
      [
        a.takenAt.slice(11, 16),
        a.fileName,
        a.panelId ? (code.get(a.panelId) ?? '?') : '—',
        a.ownerType,
        a.inSheet ? 'sheet' : '',
        a.local.original ? '' : '(not on this laptop)',
        a.caption,
      ]
        .filter(Boolean)
        .join('  '),
    );
}

export function registerPhotos(program: Command, cli: Cli): void {
  const photos = program.command('photos').description('add photos and files, or list a day’s');
  photos
    .command('add <files...>')
    .description('add photos (JPEG, PNG, WebP, HEIC) or files (PDF, XLSX), each on its EXIF day')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--panel <code>', 'the panel the photos show')
    .option('--date <YYYY-MM-DD>', 'the site day (default: from EXIF, else the file time)')
    .option('--caption <text>', 'a caption for every file')
    .action(async (files: string[], opts: AddOptions) => {
      checkDate(opts.date);
      const lang = cliLanguage(cli.io.env, program.opts<{ lang?: string }>().lang);
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, (context) =>
        addPhotos(context, files, opts, cli, lang),
      );
    });
  photos
    .command('list')
    .description('list the photos and files of a site day')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .requiredOption('--date <YYYY-MM-DD>', 'the site day')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; project?: string; date: string; json?: boolean }) => {
      checkDate(opts.date);
      await cli.withApp({ dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' }, (context) =>
        listPhotos(context, opts, cli),
      );
    });
}
