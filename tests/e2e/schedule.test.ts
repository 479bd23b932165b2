// The Schedule screen in Chromium over the demo: forecasts in words, the Gantt, the S-curve, the
// look-ahead and chart exports; the calendar edited in Settings moves the forecast; and
// `haitai forecast` prints the numbers the screen shows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { explainForecast } from '../../main/domain/i18n/schedule-text';
import { dayNumber } from '../../main/domain/schedule';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('the Schedule screen', () => {
  it('shows forecasts, Gantt, S-curve and look-ahead for the demo, as `haitai forecast` prints them', async () => {
    const dataDir = tempDir();
    const { page, harness } = await session.open(dataDir);
    const api = harness.context.api;
    const project = await api['project:get']({});
    const asOf = project.settings.demoToday!;
    const view = await api['schedule:get']({ projectId: project.id, asOf });
    const walls = view.milestones[0]!;

    await page.getByTestId('nav-schedule').click();
    const row = page.getByTestId('milestone-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe(walls.forecast.status);
    expect(await page.getByTestId('milestone-explain').first().textContent()).toBe(
      explainForecast('zh-CN', walls.forecast, walls.dueDate, asOf),
    );

    // The command line, over the same data folder, prints the same dates.
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => {}, env: {} };
    expect(await runCli(['forecast', '--data-dir', dataDir, '--json'], io)).toBe(0);
    const cli = JSON.parse(out.join('\n')) as {
      milestones: { forecast: { p50: string; p90: string } }[];
    };
    expect(await page.getByTestId('milestone-p50').first().textContent()).toBe(
      cli.milestones[0]!.forecast.p50,
    );
    expect(await page.getByTestId('milestone-p90').first().textContent()).toBe(
      cli.milestones[0]!.forecast.p90,
    );

    // Charts are drawn: the Gantt names the milestone, the S-curve has both curves.
    const gantt = page.getByTestId('gantt');
    await expect.poll(() => gantt.locator('svg').count()).toBe(1);
    expect(await gantt.textContent()).toContain(walls.nameZh);
    expect(await gantt.textContent()).toContain('预测 P50–P90');
    const curve = page.getByTestId('s-curve');
    await expect.poll(() => curve.locator('svg path').count()).toBeGreaterThan(2);
    expect(await curve.textContent()).toContain('计划累计');
    expect(await curve.textContent()).toContain('实际累计');

    // The look-ahead: 14 days, the panels part-way through among them.
    await expect.poll(() => page.getByTestId('look-ahead-day').count()).toBe(14);
    const expected = view.lookAhead.flatMap((d) => d.panels.map((p) => p.code));
    const shown = (await page.getByTestId('look-ahead-panels').allTextContents()).join(' ');
    for (const code of expected) expect(shown).toContain(code);

    // Charts export as PNG and SVG.
    const downloads = tempDir();
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('s-curve-png').click(),
    ]);
    const pngFile = path.join(downloads, png.suggestedFilename());
    await png.saveAs(pngFile);
    expect(png.suggestedFilename()).toBe(`s-curve-${asOf}.png`);
    expect(fs.readFileSync(pngFile).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(fs.statSync(pngFile).size).toBeGreaterThan(10_000);
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('gantt-svg').click(),
    ]);
    const svgFile = path.join(downloads, svg.suggestedFilename());
    await svg.saveAs(svgFile);
    const svgText = fs.readFileSync(svgFile, 'utf8');
    expect(svgText).toMatch(/^<svg/);
    expect(svgText).toContain(walls.nameZh);

    // In English, the same forecast in English words.
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByTestId('milestone-explain').first().textContent())
      .toBe(explainForecast('en', walls.forecast, walls.dueDate, asOf));
  });

  it('moves the forecast when a stoppage is added to the working calendar in Settings', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const asOf = project.settings.demoToday!;
    const before = (await api['schedule:get']({ projectId: project.id, asOf })).milestones[0]!
      .forecast;

    await page.getByTestId('nav-settings').click();
    const nonWorking = page.getByTestId('periods-nonWorking');
    await page.getByTestId('add-nonWorking').click();
    // A date field's calendar anchor is an input too: the fields a person types in.
    const inputs = nonWorking.locator('tbody tr').last().locator('input:not([type="date"])');
    await inputs.nth(0).fill('2023-02-01');
    await inputs.nth(1).fill('2023-02-05');
    await inputs.nth(2).fill('元宵节停工');
    await page.getByTestId('calendar-save').click();
    await page.getByText('日历已保存。').waitFor();

    await page.getByTestId('nav-schedule').click();
    const expected = new Date((dayNumber(before.p50!) + 5) * 86_400_000).toISOString().slice(0, 10);
    await expect.poll(() => page.getByTestId('milestone-p50').first().textContent()).toBe(expected);

    // A period that ends before it starts is refused next to the row, and nothing is saved.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('add-nonWorking').click();
    const bad = nonWorking.locator('tbody tr').last().locator('input:not([type="date"])');
    await bad.nth(0).fill('2023-03-10');
    await bad.nth(1).fill('2023-03-01');
    await page.getByTestId('calendar-save').click();
    await nonWorking.locator('tr.invalid').waitFor();
    expect((await api['project:get']({})).calendar.nonWorking).toHaveLength(1);
  });
});
