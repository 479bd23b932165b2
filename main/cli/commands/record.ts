import type { Command } from 'commander';
import { Option } from 'commander';
import { SHEET_LANGUAGES } from '../../domain/daily-sheet';
import { RECORD_FORMATS } from '../../domain/panel-record';
import type { Cli } from '../cli';

export function registerRecord(program: Command, cli: Cli): void {
  program
    .command('record')
    .description("export a panel's construction record (槽段施工记录)")
    .option('--data-dir <dir>', 'data directory')
    .option('--project <id>', 'project id (default: the active project)')
    .requiredOption('--panel <code>', 'the panel code, e.g. A24')
    .option('--structure <code>', "the panel's structure, when two have the code")
    .addOption(
      new Option('--format <format>', 'file format').choices([...RECORD_FORMATS]).default('pdf'),
    )
    .addOption(
      new Option('--lang <lang>', 'record language').choices([...SHEET_LANGUAGES]).default('zh-CN'),
    )
    .requiredOption('--out <file>', 'file to write')
    .action(
      async (opts: {
        dataDir?: string;
        project?: string;
        panel: string;
        structure?: string;
        format: 'pdf' | 'xlsx';
        lang: 'zh-CN' | 'en' | 'bilingual';
        out: string;
      }) => {
        const { exportRecord } = await import('../sheet');
        await cli.withApp(
          { dataDir: cli.dataDir(opts.dataDir), runtime: 'cli' },
          async (context) => {
            const file = await exportRecord(context, opts);
            cli.io.out(`Wrote ${file}`);
          },
        );
      },
    );
}
