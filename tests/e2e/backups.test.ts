// Backups in Chromium: "Back up now" in Settings; then a damaged database at start-up opens the
// recovery screen, which restores the backup and brings the app back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILENAME, replacedDir } from '../../main/features/backups/backup-service';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('backups', () => {
  it('backs up from Settings, and recovers from a damaged database through the recovery screen', async () => {
    const dataDir = tempDir();
    const first = await session.open(dataDir);
    await first.page.getByTestId('nav-settings').click();
    await first.page.getByTestId('back-up-now').click();
    await first.page.getByTestId('backup-row').first().waitFor();
    expect(await first.page.getByTestId('backup-row').count()).toBe(1);
    await session.restart(first.page);

    // The disk fails under the database.
    const file = path.join(dataDir, DATABASE_FILENAME);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(65536, 0x5a), 0, 65536, Math.floor(fs.statSync(file).size / 3));
    fs.closeSync(fd);

    const { page } = await session.open(dataDir, 'recovery');
    expect(await page.getByTestId('error').getAttribute('data-code')).toBe('db.corrupt');
    expect(await page.getByTestId('recovery').textContent()).toContain('原文件保持原样');
    await page.getByTestId('restore').click();
    await page.getByTestId('restore-yes').click();
    await page.getByTestId('today').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('海太长江隧道（演示）');
    expect(fs.readdirSync(replacedDir(dataDir)).some((n) => n.endsWith('.sqlite'))).toBe(true);
  });
});
