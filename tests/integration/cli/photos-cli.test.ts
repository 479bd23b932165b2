// `haitai photos add` and `haitai photos list` over real files: each photo on its EXIF day (or the
// day given, or the file's time), a panel by its code, a bad file refused by name while the others
// go in, and the day's list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';
import { makePhoto } from '../../helpers/photos';
import { tempDir } from '../../helpers/temp-dir';

const run = async (...argv: string[]) => {
  const cli = captureCli({ HAITAI_LANG: 'en' });
  const code = await runCli(argv, cli.io);
  return { code, out: cli.out.join('\n'), err: cli.err.join('\n') };
};

describe('haitai photos', () => {
  it('adds a camera folder on the EXIF days, refuses a bad file by name, and lists a day', async () => {
    const dir = tempDir();
    expect((await run('demo', '--data-dir', dir)).code).toBe(0);
    const folder = tempDir();
    const file = (name: string, bytes: Buffer, mtime?: Date) => {
      const f = path.join(folder, name);
      fs.writeFileSync(f, bytes);
      if (mtime) fs.utimesSync(f, mtime, mtime);
      return f;
    };
    const a = file('IMG_0001.jpg', await makePhoto({ taken: '2023:01:27 10:15:00', seed: 1 }));
    const b = file('IMG_0002.jpg', await makePhoto({ taken: '2023:01:26 22:40:00', seed: 2 }));
    const c = file(
      'scan.png',
      await makePhoto({ format: 'png', seed: 3 }),
      new Date('2023-01-27T01:00:00Z'),
    );
    const bad = file('IMG_0003.jpg', Buffer.from('not a photo'));

    const added = await run('photos', 'add', '--data-dir', dir, a, b, c, bad);
    expect(added.code).toBe(2);
    expect(added.out).toContain('[1/4] IMG_0001.jpg → 2023-01-27 10:15:00 (EXIF)');
    expect(added.out).toContain('[2/4] IMG_0002.jpg → 2023-01-26 22:40:00 (EXIF)');
    expect(added.out).toContain('[3/4] scan.png → 2023-01-27 09:00:00 (file time');
    expect(added.err).toContain(
      '[4/4] The file IMG_0003.jpg was not added: it is named .jpg but its contents are not',
    );
    expect(added.out).toContain('Added 3 of 4 file(s); 1 refused.');

    const onPanel = file('cage.jpg', await makePhoto({ taken: '2023:01:25 08:00:00', seed: 4 }));
    const withPanel = await run(
      'photos',
      'add',
      '--data-dir',
      dir,
      '--panel',
      'A1',
      '--date',
      '2023-01-27',
      '--caption',
      '钢筋笼',
      onPanel,
    );
    expect(withPanel.code).toBe(0);
    expect(withPanel.out).toContain('cage.jpg → 2023-01-27');
    expect(withPanel.out).toContain('(--date)');

    const list = await run('photos', 'list', '--data-dir', dir, '--date', '2023-01-27');
    expect(list.code).toBe(0);
    expect(list.out).toContain('2023-01-27: 3 file(s)');
    expect(list.out).toMatch(/10:15 {2}IMG_0001\.jpg {2}— {2}site_day {2}sheet/);
    expect(list.out).toMatch(/cage\.jpg {2}A1 {2}site_day {2}sheet {2}钢筋笼/);
    const json = JSON.parse(
      (await run('photos', 'list', '--data-dir', dir, '--date', '2023-01-26', '--json')).out,
    );
    expect(json.map((x: { fileName: string }) => x.fileName)).toEqual(['IMG_0002.jpg']);

    const unknown = await run('photos', 'add', '--data-dir', dir, '--panel', 'NOPE', a);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--panel NOPE');
    const badDate = await run('photos', 'list', '--data-dir', dir, '--date', '2023-02-30');
    expect(badDate.code).toBe(2);
  });
});
