// A failed slurry test and its re-test in Chromium, in English (issue 28): the engineer saves a
// slurry past its limits (with a reason), the cage is refused with the way on, the re-test is
// recorded in the panel's drawer beside the failed test, the cage goes in, the supervisor signs
// the cage's acceptance, and the panel's record PDF holds all of it: both attempts, the failure in
// words, the signature with the supervisor's name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();
const DAY = '2023-01-28';

describe('a failed slurry test and its re-test', () => {
  it('keeps the failure, lets the cage in on the re-test, and files both with the signature', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const identity = harness.context.store.identity;
    const project = await api['project:get']({});
    const panel = (await api['panels:list']({ projectId: project.id })).find(
      (p) => p.status === 'trench_acceptance',
    )!;
    await api['project:update']({ projectId: project.id, settings: { signatures: ['cage'] } });
    await page.getByTestId('lang-en').click();
    await page.getByTestId('site-day-input').fill(DAY);
    await page.getByTestId('site-day-input').press('Enter');

    // The desanding's slurry is too heavy: warned with its limit, saved with a reason.
    const form = page.getByTestId('stage-form');
    await page.getByTestId('stage-panel').selectOption({ value: panel.id });
    for (const [key, value] of Object.entries({
      slurryDensity: '1.32',
      slurryViscosityS: '30',
      slurrySandPct: '4',
    }))
      await page.getByTestId(`m-${key}`).fill(value);
    await expect
      .poll(() => page.getByTestId('stage-warnings').textContent())
      .toContain('1.15–1.25');
    await page.getByTestId('stage-warning-reason').fill('Desander down; sampled before treating');
    await page.getByTestId('stage-save').click();
    await expect.poll(() => page.getByTestId('stage-saved').textContent()).toContain(panel.code);

    // The cage is refused, and told how to go on.
    await page.getByTestId('stage-panel').selectOption({ value: panel.id });
    await page.getByTestId('stage-save').click();
    await expect
      .poll(() => form.textContent())
      .toContain(`the last slurry test of panel ${panel.code} (attempt 1`);
    expect(await form.textContent()).toContain('record a re-test');

    // The re-test, in the panel's drawer: the failed attempt stays above it.
    await page.getByTestId('nav-panels').click();
    await page.locator(`[data-testid="wall-panel"][data-code="${panel.code}"] polygon`).click();
    const slurry = page.getByTestId('inspection-slurry');
    await expect
      .poll(() => slurry.getByTestId('attempt-slurry-1').textContent())
      .toContain('FAILED');
    await slurry.getByTestId('retest-slurry').click();
    // A missing value is refused next to its field; what was typed stays.
    await slurry.getByTestId('retest-slurry-slurryDensity').fill('1.21');
    await slurry.getByTestId('retest-slurry-slurryViscosityS').fill('29');
    await slurry.getByTestId('retest-slurry-save').click();
    await expect.poll(() => slurry.locator('.field-error').first().textContent()).toBe('Required');
    expect(await slurry.getByTestId('retest-slurry-slurryDensity').inputValue()).toBe('1.21');
    await slurry.getByTestId('retest-slurry-slurrySandPct').fill('3');
    await slurry.getByTestId('retest-slurry-save').click();
    await expect
      .poll(() => slurry.getByTestId('attempt-slurry-2').textContent())
      .toContain('passed');
    expect(await slurry.getByTestId('attempt-slurry-1').getAttribute('data-pass')).toBe('false');
    // Passed: no further re-test is offered.
    expect(await slurry.getByTestId('retest-slurry').count()).toBe(0);

    // The cage goes in.
    await page.getByTestId('nav-today').click();
    await page.getByTestId('stage-panel').selectOption({ value: panel.id });
    await expect.poll(() => page.getByTestId('stage-next').textContent()).toBe('Cage lowered');
    await page.getByTestId('stage-save').click();
    await expect.poll(() => page.getByTestId('stage-saved').textContent()).toContain(panel.code);

    // The supervisor signs the cage's acceptance, and files the panel's record.
    identity.role = 'supervisor';
    identity.userName = 'Li (supervisor)';
    await page.reload();
    await page.getByTestId('nav-panels').click();
    await page.locator(`[data-testid="wall-panel"][data-code="${panel.code}"] polygon`).click();
    await page.getByTestId('acceptance-cage-sign').click();
    await expect.poll(() => page.getByTestId('acceptance-cage-state').textContent()).toBe('signed');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('record-pdf').click(),
    ]);
    const pdfFile = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(pdfFile);
    const text = (await pdfText(fs.readFileSync(pdfFile))).text.replace(/\s+/g, '');
    for (const words of [
      'Panelconstructionrecord',
      'Slurrytest12023-01-28',
      'FAILED:Slurrydensity(g/cm3)1.32',
      'Slurrytest22023-01-28',
      'passed',
      'Desanderdown;sampledbeforetreating',
      'cage(concealedwork)acceptance1signedLi(supervisor)',
    ])
      expect(text).toContain(words);
  });
});
