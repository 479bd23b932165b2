import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import { Option } from 'commander';
import { SHEET_FORMATS, SHEET_LANGUAGES } from '../../domain/daily-sheet';
import { daysBetween, MAX_RANGE_DAYS, siteDaySchema } from '../../domain/dates';

export function registerSheet(program: Command, cli: Cli): void {
  program
    .command('sheet')
    .description('export the daily progress sheet (施工日报) of a site day')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--date <YYYY-MM-DD>', 'site day')
    .option('--from <YYYY-MM-DD>', 'first day of a range (one file, a day per page or worksheet)')
    .option('--to <YYYY-MM-DD>', 'last day of the range')
    .addOption(
      new Option('--format <format>', 'file format').choices([...SHEET_FORMATS]).default('pdf'),
    )
    .addOption(
      new Option('--lang <lang>', 'sheet language').choices([...SHEET_LANGUAGES]).default('zh-CN'),
    )
    .requiredOption('--out <file>', 'file to write')
    .action(
      async (opts: {
        dataDir?: string;
        project?: string;
        date?: string;
        from?: string;
        to?: string;
        format: 'pdf' | 'xlsx' | 'csv' | 'html';
        lang: 'zh-CN' | 'en' | 'bilingual';
        out: string;
      }) => {
        const day = (flag: string, value: string | undefined) => {
          if (!value || !siteDaySchema.safeParse(value).success)
            throw new AppError('cli.invalid_option', {
              reason: `${flag} ${value ?? ''}: expected a calendar date YYYY-MM-DD`,
            });
          return value;
        };
        let days: string[];
        if (opts.date) days = [day('--date', opts.date)];
        else if (opts.from || opts.to) {
          const from = day('--from', opts.from);
          const to = day('--to', opts.to);
          days = daysBetween(from, to);
          if (!days.length || days.length > MAX_RANGE_DAYS)
            throw new AppError('cli.invalid_option', {
              reason: `--from must not be after --to, and a range holds at most ${MAX_RANGE_DAYS} days`,
            });
        } else
          throw new AppError('cli.invalid_option', { reason: 'give --date, or --from and --to' });
        const { exportSheet } = await import('../sheet');
        await cli.withApp(
          {
            dataDir: cli.dataDir(opts.dataDir),
            runtime: 'cli',
          },
          async (context) => {
            const file = await exportSheet(context, {
              projectId: opts.project,
              days,
              format: opts.format,
              lang: opts.lang,
              out: opts.out,
            });
            cli.io.out(`Wrote ${file} (${days.length} day${days.length > 1 ? 's' : ''})`);
          },
        );
      },
    );
}
