// A project set up on one laptop and published is followed from a second, new laptop in
// Chromium: the welcome screen's "follow a project", the sign-in, and the whole set-up there.
import { describe, expect, it } from 'vitest';
import { startE2eHarness } from '../helpers/harness-session';
import { useChromium } from '../helpers/browser';
import { PASSWORD, startSyncServer } from '../helpers/sync-server';
import { tempDir } from '../helpers/temp-dir';

const open: { close(): Promise<void> }[] = [];
const browser = useChromium(async () => {
  while (open.length) await open.pop()!.close();
});

describe('a second laptop', () => {
  it('follows a new project from the welcome screen and gets its whole set-up', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    await server.addUser('li', 'engineer');

    const a = await startE2eHarness({ dataDir: tempDir(), onUnexpected: () => {} });
    open.push(a);
    const project = await a.context.api['project:create']({
      code: 'TC',
      nameZh: '太仓工作井',
      nameEn: 'Taicang working shaft',
    });
    const saved = await a.context.api['structures:save']({
      projectId: project.id,
      code: 'TC-S',
      nameZh: '太仓工作井',
      nameEn: 'Taicang working shaft',
      kind: 'shaft',
      outline: { shape: 'circle', diameterM: 60 },
    });
    await a.context.api['layout:apply']({
      structureId: saved.structures[0]!.id,
      primaryLengthM: 3.6,
      secondaryLengthM: 3.2,
      thicknessM: 1.2,
      designDepthM: 60,
    });
    await a.context.api['sync:connect']({
      url: server.url,
      username: 'wang',
      password: PASSWORD,
      deviceName: 'A',
      publish: true,
    });

    // A new laptop with nothing on it.
    const b = await startE2eHarness({
      dataDir: tempDir(),
      seedDemo: false,
      onUnexpected: () => {},
    });
    open.push(b);
    const page = await browser().newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(b.url);
    await page.getByTestId('welcome-follow').click();
    await page.getByTestId('sync-url').fill(server.url);
    await page.getByTestId('sync-username').fill('li');
    await page.getByTestId('sync-password').fill(PASSWORD);
    await page.getByTestId('sync-connect-submit').click();
    await page.getByTestId('today').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('太仓工作井');
    await page.getByTestId('nav-panels').click();
    await expect.poll(() => page.getByTestId('wall-panel').count()).toBe(56);
    expect(await page.getByTestId('wall-plan').locator('figcaption').textContent()).toContain(
      '0 / 56',
    );
  });
});
