// Issue 16, item 6: the first screen. The renderer Electron loads, built by Vite and served the way
// the app:// handler serves it, opened in Chromium until the Today screen shows the day's data
// (its crew form, filled from the database): on the demo and on the reference dataset. And the
// bundle: the chart library is loaded only with the Schedule screen.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../main/app/chromium-pdf';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import { buildRenderer, serveRenderer } from '../helpers/built-renderer';
import { machine, ms, summary } from './stats';
import { tempDir } from './temp';

const LOADS = 20;

/**
 * Notes, on the page's own clock (from the start of its navigation), when the crew form first
 * appears: the Today screen draws it only with the day's data.
 */
export const WATCH_CREW_FORM = `(() => {
  const seen = () => {
    if (window.__crewFormAt === undefined && document.querySelector('[data-testid="crew-form"]')) {
      window.__crewFormAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }),
  );
})()`;

async function firstScreen(app: AppContext, label: string, outDir: string): Promise<string> {
  const served = await serveRenderer(outDir, app.api, app.store.changes);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const inPage: number[] = [];
    const driver: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A fresh page each time, as a window opening; the first two warm Chromium's caches.
      const page = await browser.newPage();
      await page.addInitScript(WATCH_CREW_FORM);
      const start = performance.now();
      await page.goto(served.url);
      await page.getByTestId('crew-form').waitFor({ timeout: 60_000 });
      const took = performance.now() - start;
      const at = (await page.evaluate('window.__crewFormAt')) as number;
      await page.close();
      if (i >= 2) {
        inPage.push(at);
        driver.push(took);
      }
    }
    const s = summary(inPage);
    const d = summary(driver);
    return `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(d.p50)} | p50 ≤ 500 ms: ${s.p50 <= 500 ? 'met' : '**not met**'} |`;
  } finally {
    await browser.close();
    await served.close();
  }
}

export async function benchFirstScreen(): Promise<string> {
  const outDir = tempDir();
  await buildRenderer(outDir);
  const assets = fs.readdirSync(path.join(outDir, 'assets'));
  const size = (name: string) => fs.statSync(path.join(outDir, 'assets', name)).size / 1024;
  const bundles = assets
    .filter((a) => a.endsWith('.js'))
    .map((a) => `${a.replace(/-[\w-]{8}\.js$/, '.js')} ${size(a).toFixed(0)} KB`)
    .join(', ');

  const rows: string[] = [];
  const demo = await openAppContext({ dataDir: tempDir(), runtime: 'cli', seedDemo: true });
  try {
    await demo.api['project:select']({ projectId: (await demo.api['project:get']({})).id });
    rows.push(await firstScreen(demo, 'the demo (60 panels)', outDir));
  } finally {
    await demo.close();
  }
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const reference = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  try {
    const { projectId } = await seedReferenceProject(reference.db, now);
    await reference.api['project:select']({ projectId });
    rows.push(
      await firstScreen(reference, 'the reference dataset (2,000 panels, 30 teams)', outDir),
    );
  } finally {
    await reference.close();
  }
  return `## First screen (issue 16)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

From the start of the page's navigation to the built renderer (served with the app's CSP, its
calls over the HTTP bridge to a real database) to the Today screen's crew form filled from the
database, on the page's own clock, in a fresh Chromium page each time (the first two loads not
counted). The driver's column is the same load timed by the bench from \`page.goto\` until
Playwright has seen the form: it adds the driver's own round trips to the browser.

| dataset | loads | p50 | p95 | p50, as the driver sees it | target |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Bundles (minified, not compressed): ${bundles}. The Schedule screen and the chart library (ECharts)
are one chunk, loaded when the screen is first opened.
`;
}
