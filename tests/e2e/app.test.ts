// The real renderer in Chromium, served by Vite, talking to a real SQLite file over the bridge.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../main/harness/browser-harness';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession({ width: 1360, height: 860 });

async function open(dataDir = tempDir()): Promise<{ page: Page; harness: Harness }> {
  const opened = await session.open(dataDir);
  await opened.page.getByTestId('nav-panels').click();
  await opened.page.getByTestId('panel-row').first().waitFor();
  return opened;
}

describe('the app in Chromium', () => {
  it('opens on the demo project and shows its 60 panels in sequence', async () => {
    const { page } = await open();
    await expect
      .poll(() => page.getByTestId('project-name').textContent())
      .toBe('海太长江隧道（演示）');
    expect(await page.getByText('演示数据（示意）').count()).toBe(1);
    expect(await page.getByTestId('panel-count').textContent()).toBe('共 60 幅');
    const codes = await page
      .getByTestId('panel-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes.slice(0, 4)).toEqual(['A1', 'B1', 'A2', 'B2']);
    // Virtualised: not all 60 rows are in the DOM at once, yet the last one is reachable.
    expect(codes.length).toBeLessThan(60);
    await page.getByTestId('panel-rows').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator('[data-testid="panel-row"][data-code="C4"]').waitFor();
  });

  it('filters by type and opens a panel’s detail', async () => {
    const { page } = await open();
    await page.getByTestId('type-filter').selectOption('closing');
    await expect.poll(() => page.getByTestId('panel-count').textContent()).toBe('共 4 幅');
    expect(
      await page
        .getByTestId('panel-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))),
    ).toEqual(['C1', 'C2', 'C3', 'C4']);
    await page.locator('[data-testid="panel-row"][data-code="C2"]').click();
    const detail = page.getByTestId('panel-detail');
    await detail.getByText('闭合幅').waitFor();
    expect(await detail.textContent()).toContain('C2');
    expect(await detail.textContent()).toContain('工字型钢');
  });

  it('switches to English and remembers the choice across a reload', async () => {
    const { page } = await open();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('panel-count').textContent()).toBe('60 panels');
    expect(await page.getByTestId('project-name').textContent()).toBe(
      'Haitai Yangtze River Tunnel (demo)',
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByTestId('nav-panels').click();
    await page.getByTestId('panel-row').first().waitFor();
    expect(await page.getByTestId('panel-count').textContent()).toBe('60 panels');
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(() => page.getByTestId('panel-count').textContent()).toBe('共 60 幅');
  });

  it('shows where the data lives in Settings', async () => {
    const { page, harness } = await open();
    await page.getByTestId('nav-settings').click();
    const info = page.getByTestId('app-info');
    await info.waitFor();
    const text = await info.textContent();
    expect(text).toContain(harness.context.info.databaseFile);
    expect(text).toContain(harness.context.info.schemaVersion);
  });

  it('explains a failure in the user’s language and recovers on retry', async () => {
    const { page } = await open();
    // The first screen's reads: the opening read, and project:get that stands in when it fails.
    const projectGet = /\/api\/(project(:|%3A)get|today(:|%3A)opening)$/;
    await page.route(projectGet, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: {
            code: 'db.locked',
            messageKey: 'errors.db.locked',
            details: { file: 'D:/haitai.sqlite' },
          },
        }),
      }),
    );
    await page.reload();
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('db.locked');
    expect(await error.textContent()).toContain('数据库正被另一个程序占用：D:/haitai.sqlite');
    expect(await error.textContent()).not.toMatch(/at \w+ \(/);
    await page.unroute(projectGet);
    await error.getByRole('button').click();
    await page.getByTestId('today').waitFor();
  });

  it('shows the same data after a restart', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const before = await first.page
      .getByTestId('panel-row')
      .evaluateAll((rows) => rows.map((r) => r.textContent));
    const projectId = (await first.harness.context.api['project:get']({})).id;
    await session.restart(first.page);
    const second = await open(dataDir);
    expect((await second.harness.context.api['project:get']({})).id).toBe(projectId);
    const after = await second.page
      .getByTestId('panel-row')
      .evaluateAll((rows) => rows.map((r) => r.textContent));
    expect(after).toEqual(before);
  });
});

describe('the register at the reference scale', () => {
  it('keeps 2,000 panels virtualised and filters by structure', async () => {
    const dataDir = tempDir();
    const { runCli } = await import('../../main/cli/index');
    const quiet = { out: () => {}, err: () => {}, env: {} };
    expect(await runCli(['demo', '--scale', 'reference', '--data-dir', dataDir], quiet)).toBe(0);
    const { page } = await open(dataDir);
    await page.getByTestId('structure-select').selectOption({ index: 0 });
    await expect.poll(() => page.getByTestId('panel-count').textContent()).toBe('共 166 幅');
    expect(await page.getByTestId('panel-row').count()).toBeLessThan(60);
    await page.getByTestId('status-filter').selectOption('guide_wall');
    const count = Number((await page.getByTestId('panel-count').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(166);
  });
});
