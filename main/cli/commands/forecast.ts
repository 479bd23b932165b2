import type { Command } from 'commander';
import { cliLanguage, type Cli } from '../cli';
import { siteDaySchema } from '../../domain/dates';
import type { Language } from '../../domain/i18n/messages';
import { AppError } from '../../domain/errors';
import { Option } from 'commander';

export function registerForecast(program: Command, cli: Cli): void {
  program
    .command('forecast')
    .description('milestone forecasts (P50, P90, float, status) as the Schedule screen shows them')
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .option('--milestone <id>', 'only this milestone')
    .option('--as-of <YYYY-MM-DD>', 'forecast as of this site day (default: as the app opens)')
    .option('--json', 'print JSON instead of text')
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['zh-CN', 'en']))
    .action(
      async (opts: {
        dataDir?: string;
        project?: string;
        milestone?: string;
        asOf?: string;
        json?: boolean;
        lang?: Language;
      }) => {
        if (opts.asOf !== undefined && !siteDaySchema.safeParse(opts.asOf).success)
          throw new AppError('cli.invalid_option', {
            reason: `--as-of ${opts.asOf}: expected a calendar date YYYY-MM-DD`,
          });
        const lang = opts.lang ?? cliLanguage(cli.io.env, program.opts<{ lang?: string }>().lang);
        const { forecastLines, forecastReport } = await import('../forecast');
        await cli.withApp(
          {
            dataDir: cli.dataDir(opts.dataDir),
            runtime: 'cli',
          },
          async (context) => {
            const report = await forecastReport(context, {
              projectId: opts.project,
              milestoneId: opts.milestone,
              asOf: opts.asOf,
              lang,
            });
            if (opts.json) cli.io.out(JSON.stringify(report, null, 2));
            else for (const line of forecastLines(report, lang)) cli.io.out(line);
          },
        );
      },
    );
}
