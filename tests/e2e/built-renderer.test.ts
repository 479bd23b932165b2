// The exact renderer bundle Electron loads, under the CSP the app:// protocol sends, in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../main/electron/csp';
import { openAppContext } from '../../main/app/app-context';
import { launchChromium } from '../helpers/browser';
import { buildRenderer, serveRenderer } from '../helpers/built-renderer';
import { tempDir } from '../helpers/temp-dir';
import { openOn } from '../helpers/welcome';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe('the built renderer', () => {
  it('runs under the app’s CSP with no violations', async () => {
    const outDir = tempDir('haitai-renderer-');
    await buildRenderer(outDir);
    const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);

    const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
    cleanup.push(() => app.close());
    const served = await serveRenderer(outDir, app.api, app.store.changes);
    cleanup.push(served.close);

    const browser = await launchChromium();
    cleanup.push(() => browser.close());
    const page = await browser.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    await page.goto(served.url);
    await openOn(page);
    await page.getByTestId('nav-panels').click();
    await page.getByTestId('wall-plan').waitFor();
    await page.getByTestId('panel-row').first().waitFor();
    expect(await page.getByTestId('panel-count').textContent()).toBe('共 60 幅');
    // The charts (ECharts, drawn as SVG) under the same policy.
    await page.getByTestId('nav-schedule').click();
    await page.getByTestId('gantt').locator('svg').waitFor();
    await page.getByTestId('s-curve').locator('svg').waitFor();
    violations.push(
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens on the Today screen with one read, drawn with the day’s data', async () => {
    const outDir = tempDir('haitai-renderer-');
    await buildRenderer(outDir);
    const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
    cleanup.push(() => app.close());
    const project = await app.api['project:get']({});
    await app.api['project:select']({ projectId: project.id });
    const served = await serveRenderer(outDir, app.api, app.store.changes);
    cleanup.push(served.close);
    const browser = await launchChromium();
    cleanup.push(() => browser.close());

    const page = await browser.newPage();
    const reads: string[] = [];
    page.on('request', (r) => {
      const at = r.url().indexOf('/api/');
      if (at >= 0) reads.push(decodeURIComponent(r.url().slice(at + 5)));
    });
    await page.goto(served.url);
    await page.getByTestId('crew-form').waitFor();
    // The first screen's project, welcome check and day came in one answer: none asked again.
    expect(reads.filter((c) => c === 'today:opening')).toHaveLength(1);
    expect(reads).not.toContain('project:get');
    expect(reads).not.toContain('project:first-run');
    expect(reads).not.toContain('today:get');
    expect(await page.getByTestId('site-day-input').inputValue()).toBe(project.settings.demoToday);
    const today = await app.api['today:get']({
      projectId: project.id,
      siteDay: project.settings.demoToday!,
    });
    // A row a team, and the site staff's.
    expect(await page.getByTestId('crew-form').locator('tbody tr').count()).toBe(
      today.crews.teams.length + 1,
    );
  });
});
