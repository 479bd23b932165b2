// An engineer records a full day at the demo shaft in Chromium, through the real renderer.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nextDay, siteDayOf } from '../../main/domain/dates';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

async function open(dataDir: string): Promise<Page> {
  return (await session.open(dataDir)).page;
}

const DAY = '2023-01-28';

async function recordStage(
  page: Page,
  code: string,
  stageLabel: string,
  values: Record<string, string>,
) {
  await page.getByTestId('stage-panel').selectOption({ label: `${code} → ${stageLabel}` });
  for (const [key, value] of Object.entries(values)) await page.getByTestId(`m-${key}`).fill(value);
  await page.getByTestId('stage-save').click();
  await expect.poll(() => page.getByTestId('stage-saved').textContent()).toContain(code);
}

describe('a day at the Haimen shaft', () => {
  it('is recorded in full, shows on the wall plan, and survives a restart', async () => {
    const dataDir = tempDir();
    let page = await open(dataDir);
    const api = session.harness.context.api;
    const project = await api['project:get']({});
    const panels = await api['panels:list']({ projectId: project.id });
    const at = (status: string) => panels.find((p) => p.status === status)!;
    const [excavated, accepted, desanded] = [
      at('excavation'),
      at('trench_acceptance'),
      at('desanding'),
    ];

    // No day after tomorrow at the site: refused with the limit, in Chinese, and the day stays.
    const shown = await page.getByTestId('site-day').textContent();
    const tomorrow = nextDay(siteDayOf(new Date(), project.timezone));
    await page.getByTestId('site-day-input').fill(nextDay(tomorrow));
    expect(await page.locator('.date-field .field-error').textContent()).toBe(
      `不能晚于 ${tomorrow}`,
    );
    expect(await page.getByTestId('site-day').textContent()).toBe(shown);
    // Typed year first, digit by digit, as a person types: the day moves once, to that day.
    await page.getByTestId('site-day-input').fill('');
    await page.getByTestId('site-day-input').pressSequentially(DAY);
    await page.getByTestId('site-day-input').press('Enter');
    await expect.poll(() => page.getByTestId('site-day').textContent()).toContain('2023年1月28日');
    await page.getByTestId('missing').locator('li[data-kind="progress"]').waitFor();

    // A typed error next to the field, and nothing written.
    const before = (await api['panels:get']({ panelId: excavated.id })).events.length;
    await page.getByTestId('stage-panel').selectOption({ label: `${excavated.code} → 槽段验收` });
    for (const [key, value] of Object.entries({
      depthM: '60.3',
      widthM: '1.22',
      verticalityXPct: '150',
      verticalityYPct: '0.2',
      sedimentMm: '60',
    })) {
      await page.getByTestId(`m-${key}`).fill(value);
    }
    // Warned first, in amber with the limit: saved only with a reason.
    expect(await page.getByTestId('stage-warnings').textContent()).toContain('超过限值 0.33');
    expect(await page.getByTestId('stage-save').isDisabled()).toBe(true);
    await page.getByTestId('stage-warning-reason').fill('复核');
    await page.getByTestId('stage-save').click();
    const fieldError = page.locator('.field.invalid .field-error');
    await fieldError.waitFor();
    expect(await page.locator('.field.invalid').textContent()).toContain('X 向垂直度');
    // What is wrong, in Chinese, by its message key: no zod text.
    expect(await fieldError.textContent()).toBe('不能大于 100');
    expect((await api['panels:get']({ panelId: excavated.id })).events.length).toBe(before);
    await page.getByTestId('m-verticalityXPct').fill('0.25');
    await page.getByTestId('stage-save').click();
    await expect
      .poll(() => page.getByTestId('stage-saved').textContent())
      .toContain(excavated.code);

    // Two more stages: one panel advanced, one finished (cage lowered, then concreted).
    await recordStage(page, accepted.code, '刷壁清底', {
      slurryDensity: '1.19',
      slurryViscosityS: '28',
      slurrySandPct: '3.2',
    });
    await recordStage(page, desanded.code, '钢筋笼下放', {});
    await recordStage(page, desanded.code, '混凝土浇筑', { concreteVolumeM3: '281.5' });
    await expect.poll(() => page.getByTestId('day-event').count()).toBe(4);

    // Eight teams on two shifts, and the staff count.
    const teams = (await api['crews:day']({ projectId: project.id, siteDay: DAY })).teams;
    for (const shift of ['day', 'night'] as const) {
      await page.getByTestId(`shift-${shift}`).click();
      for (const team of teams)
        await page.getByTestId(`crew-${team.code}`).fill(shift === 'day' ? '31' : '21');
      if (shift === 'day') await page.getByTestId('crew-staff').fill('148');
      await page.getByTestId('crew-save').click();
      await expect
        .poll(() => page.getByTestId('crew-totals').textContent())
        .toContain(shift === 'day' ? '白班 248 人' : '夜班 168 人');
    }
    expect(await page.getByTestId('crew-totals').getAttribute('data-plan')).toBe('within');

    // Weather and a note.
    await page.getByTestId('log-weatherAm').selectOption('sunny');
    await page.getByTestId('log-weatherPm').selectOption('cloudy');
    await page.getByTestId('log-tempMinC').fill('1');
    await page.getByTestId('log-tempMaxC').fill('8');
    await page.getByTestId('log-notes').fill('节后第一天，A 区两台成槽机恢复双班作业。');
    await page.getByTestId('log-save').click();
    await page.locator('[data-testid="missing"].none').waitFor();

    // The wall plan shows today's changes, and the finished panel as complete.
    await page.getByTestId('nav-panels').click();
    const wall = page.getByTestId('wall-plan');
    await wall.waitFor();
    const changed = await wall
      .locator('[data-changed="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
    expect(changed).toEqual([excavated.code, accepted.code, desanded.code].sort());
    expect(await wall.locator(`[data-code="${desanded.code}"]`).getAttribute('data-status')).toBe(
      'concreting',
    );
    expect(await wall.textContent()).toContain('已完成 48 / 60 幅');

    // Restart: a new server process over the same file shows the same day.
    await session.restart(page);
    page = await open(dataDir);
    await page.getByTestId('site-day-input').fill(DAY);
    await page.locator('[data-testid="missing"].none').waitFor();
    await expect.poll(() => page.getByTestId('day-event').count()).toBe(4);
    await page.getByTestId('shift-night').click();
    expect(await page.getByTestId(`crew-${teams[0]!.code}`).inputValue()).toBe('21');
    expect(await page.getByTestId('log-notes').inputValue()).toBe(
      '节后第一天，A 区两台成槽机恢复双班作业。',
    );
    await page.getByTestId('nav-panels').click();
    await page.locator(`[data-testid="wall-panel"][data-code="${desanded.code}"] polygon`).click();
    await expect.poll(() => page.getByTestId('detail-status').textContent()).toBe('已完成');
    expect(await page.getByTestId('timeline').textContent()).toContain('281.5');
  });

  it('imports the sample register through the dialog, showing what changes first', async () => {
    const page = await open(tempDir());
    await page.getByTestId('nav-panels').click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles('resources/samples/panel-register.xlsx');
    await expect
      .poll(() => page.getByTestId('import-preview').textContent())
      .toContain('新增 0 幅，更新 3 幅，不变 57 幅');
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('更新 3');
    await page.getByTestId('import-close').click();
    const api = session.harness.context.api;
    const project = await api['project:get']({});
    const a1 = (await api['panels:list']({ projectId: project.id })).find((p) => p.code === 'A1')!;
    expect(a1.cageWeightT).toBe(44);
  });
});
