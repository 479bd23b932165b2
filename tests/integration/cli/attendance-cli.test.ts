// `haitai import attendance` over the sample export: the counts beside what is recorded, a team
// the file names differently refused until mapped, then imported once and never twice.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

const run = async (...argv: string[]) => {
  const cli = captureCli({ HAITAI_LANG: 'en' });
  const code = await runCli(argv, cli.io);
  return { code, out: cli.out.join('\n'), err: cli.err.join('\n') };
};

describe('haitai import attendance', () => {
  it('prints the counts, asks for an unknown team, imports once', async () => {
    const dir = tempDir();
    expect((await run('demo', '--data-dir', dir)).code).toBe(0);
    const sample = 'resources/samples/attendance.xlsx';
    const dry = await run('import', 'attendance', sample, '--data-dir', dir, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(
      /attendance\.xlsx: \d+ rows, \d+ punches, \d+ workers, 2023-01-25 – 2023-01-27/,
    );
    expect(dry.out).toContain('team 钢筋加工班 → NOT MAPPED');
    expect(dry.out).toContain('Dry run: nothing was written');

    const unmapped = await run('import', 'attendance', sample, '--data-dir', dir);
    expect(unmapped.code).toBe(2);
    expect(unmapped.err).toContain('钢筋加工班');
    const badTeam = await run(
      'import',
      'attendance',
      sample,
      '--data-dir',
      dir,
      '--team',
      '钢筋加工班=nope',
    );
    expect(badTeam.code).toBe(2);
    expect(badTeam.err).toContain('--team 钢筋加工班=nope');

    const done = await run(
      'import',
      'attendance',
      sample,
      '--data-dir',
      dir,
      '--team',
      '钢筋加工班=rebar',
    );
    expect(done.code).toBe(0);
    expect(done.out).toContain('Imported: 48 crew records on 3 day(s).');
    const again = await run('import', 'attendance', sample, '--data-dir', dir);
    expect(again.out).toContain('This file was imported before: nothing changed.');
  });
});
