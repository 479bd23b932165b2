// A planner brings milestones from the P6 schedule into the demo in Chromium: chooses the XER,
// narrows to a WBS node and selects every milestone under it, maps it to the shaft, takes the
// shaft's plan dates from an activity, imports; next month's file then updates it by code.
import { describe, expect, it } from 'vitest';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('importing a P6 schedule', () => {
  it('picks milestones under a WBS node, maps a scope and a plan, and re-imports by code', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const shaft = project.structures[0]!;

    await page.getByTestId('nav-schedule').click();
    await page.getByTestId('schedule-import-open').click();
    await page
      .getByTestId('schedule-import-file')
      .setInputFiles('tests/fixtures/schedule-cp1252.xer');
    await expect
      .poll(() => page.getByTestId('schedule-summary').textContent())
      .toContain('P6 XER（windows-1252）：HAITAI；4 项作业，2 个里程碑');
    // The level-of-effort activity is counted too, so the kinds add up to the four.
    expect(await page.getByTestId('schedule-kinds').textContent()).toBe(
      '任务作业 1 · 开始里程碑 1 · 完成里程碑 1 · 配合作业 1',
    );
    expect(await page.getByTestId('schedule-milestone').count()).toBe(2);

    // Everything under "Haimen shaft › Diaphragm walls – zone A": one milestone of the two.
    await page.getByTestId('schedule-wbs').selectOption('Haimen shaft › Diaphragm walls – zone A');
    expect(await page.getByTestId('schedule-milestone').count()).toBe(1);
    await page.getByTestId('schedule-select-shown').click();
    await page.getByTestId('schedule-scope').selectOption(shaft.id);
    await page.getByTestId('schedule-plan').first().fill('A1000');
    expect(await page.getByTestId('schedule-import-commit').textContent()).toBe('导入 1 个里程碑');
    await page.getByTestId('schedule-import-commit').click();
    await expect
      .poll(() => page.getByTestId('schedule-import-done').textContent())
      .toContain('新增 1，更新 0，不变 0；结构计划 1 项');
    await page.getByTestId('schedule-import-close').click();

    // On the Schedule screen, forecast over the shaft's panels.
    const rows = page.getByTestId('milestone-row');
    await expect
      .poll(() => page.getByTestId('milestones').textContent())
      .toContain('Shaft walls complete');
    const view = await api['schedule:get']({
      projectId: project.id,
      asOf: project.settings.demoToday!,
    });
    const imported = view.milestones.find((m) => m.sourceCode === 'M1000')!;
    expect(imported).toMatchObject({ scopeStructureId: shaft.id, dueDate: '2023-02-20' });
    expect(imported.forecast.status).not.toBe('unmapped');
    expect(await rows.count()).toBe(view.milestones.length);
    const plan = (await api['project:get']({})).structures[0]!;
    expect([plan.plannedStart, plan.plannedFinish]).toEqual(['2022-11-10', '2023-02-14']);

    // Next month's file: the preview says what will move, and the import moves it.
    await page.getByTestId('schedule-import-open').click();
    await page
      .getByTestId('schedule-import-file')
      .setInputFiles('tests/fixtures/schedule-renamed.xer');
    const change = page.locator('[data-code="M1000"] [data-testid="schedule-change"]');
    await expect.poll(() => change.textContent()).toBe('已导入: 将更新：2023-02-20 → 2023-02-24');
    await page.getByTestId('schedule-import-commit').click();
    await expect
      .poll(() => page.getByTestId('schedule-import-done').textContent())
      .toContain('新增 0，更新 1');
    await page.getByTestId('schedule-import-close').click();
    await expect
      .poll(() => page.getByTestId('milestones').textContent())
      .toContain('Shaft walls closed – all panels');
  });
});
