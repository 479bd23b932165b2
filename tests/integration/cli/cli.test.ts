import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { defaultUserDataDir } from '../../../main/cli/user-data-dir';
import { openAppContext } from '../../../main/app/app-context';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

describe('haitai demo', () => {
  it('creates a demo database the app opens, and does not duplicate it on a second run', async () => {
    const dataDir = tempDir();
    const first = captureCli();
    expect(await runCli(['demo', '--data-dir', dataDir], first.io)).toBe(0);
    expect(first.out.join('\n')).toContain('haitai.sqlite');
    const second = captureCli();
    expect(await runCli(['demo', '--data-dir', dataDir], second.io)).toBe(0);
    expect(second.out.join('\n')).toContain('nothing was added');

    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const project = await app.api['project:get']({});
      expect(project.isDemo).toBe(true);
      expect(await app.api['panels:list']({ projectId: project.id })).toHaveLength(60);
    } finally {
      await app.close();
    }
  });

  it('explains, in the user’s language, a data directory it cannot use', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const zh = captureCli({ LANG: 'zh_CN.UTF-8' });
    expect(await runCli(['demo', '--data-dir', file], zh.io)).toBe(1);
    expect(zh.err.join('\n')).toMatch(/无法打开数据库/);
    const en = captureCli({ LANG: 'en_GB.UTF-8' });
    expect(await runCli(['--lang', 'en', 'demo', '--data-dir', file], en.io)).toBe(1);
    expect(en.err.join('\n')).toMatch(/Could not open the database/);
    expect(en.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('rejects bad flags with exit code 2 and writes nothing', async () => {
    const dataDir = tempDir();
    const bad = captureCli({ LANG: 'zh_CN.UTF-8' });
    expect(await runCli(['web', '--data-dir', dataDir, '--port', 'eighty'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/命令行参数有误.*port/);
    const badEn = captureCli();
    expect(await runCli(['--lang', 'en', 'web', '--port', '99999'], badEn.io)).toBe(2);
    expect(badEn.err.join('\n')).toMatch(/Invalid command line.*port number/);
    expect(await runCli(['demo', '--data-dir', dataDir, '--colour', 'red'], captureCli().io)).toBe(
      2,
    );
    expect(await runCli(['no-such-command'], captureCli().io)).toBe(2);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('haitai demo --scale reference', () => {
  it('builds the reference dataset of DESIGN.md, and refuses a folder that has data', async () => {
    const dataDir = tempDir();
    const run = captureCli();
    expect(await runCli(['demo', '--scale', 'reference', '--data-dir', dataDir], run.io)).toBe(0);
    const app = await openAppContext({ dataDir, runtime: 'test' });
    try {
      const count = async (table: string) => Number((await app.db(table).count({ n: '*' }))[0]!.n);
      expect(await count('structures')).toBe(12);
      expect(await count('panels')).toBe(2000);
      expect(await count('milestones')).toBe(60);
      expect(await count('teams')).toBe(30);
      expect(await count('crew_shifts')).toBe(1826 * 30 * 2);
      expect(await count('daily_logs')).toBe(1826);
    } finally {
      await app.close();
    }
    const again = captureCli();
    expect(await runCli(['demo', '--scale', 'reference', '--data-dir', dataDir], again.io)).toBe(2);
    expect(again.err.join('\n')).toMatch(/empty data directory/);
    expect(
      await runCli(['demo', '--scale', 'huge', '--data-dir', tempDir()], captureCli().io),
    ).toBe(2);
  });
});

describe('the default data directory', () => {
  it('is the folder Electron uses as userData, so the CLI and the app share data', () => {
    expect(
      defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'C:\\Users\\li'),
    ).toBe('C:\\Users\\li\\AppData\\Roaming\\Haitai Progress');
    expect(defaultUserDataDir('darwin', {}, '/Users/li')).toBe(
      '/Users/li/Library/Application Support/Haitai Progress',
    );
    expect(defaultUserDataDir('linux', {}, '/home/li')).toBe('/home/li/.config/Haitai Progress');
  });
});

describe('haitai in a pipe', () => {
  it('stops quietly when the reader goes away early (`haitai … | head`)', async () => {
    const dataDir = tempDir();
    expect(await runCli(['demo', '--data-dir', dataDir], captureCli().io)).toBe(0);
    const child = spawn(process.execPath, ['bin/haitai.mjs', 'forecast', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `| head` that has already read what it wanted: the pipe is closed before the output.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
