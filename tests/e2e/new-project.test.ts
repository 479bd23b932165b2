// A new user on a new laptop sets up the Taicang working shaft from scratch in Chromium: the
// welcome screen, the wizard (project, settings, a circular shaft with generated panels, a
// milestone), then records a day on it and exports the sheet. No demo data is involved.
import { describe, expect, it } from 'vitest';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('a new project, as a new user builds it', () => {
  it('creates the Taicang shaft with its panels, teams and milestone, records a day and exports it', async () => {
    const { page, harness } = await session.open(tempDir(), 'welcome');
    await page.getByTestId('welcome-new').click();

    // The project, with the 8 key teams.
    await page.getByTestId('new-code').fill('TC');
    await page.getByTestId('new-nameZh').fill('太仓工作井');
    await page.getByTestId('new-nameEn').fill('Taicang working shaft');
    await page.getByTestId('new-ownerName').fill('江苏海太过江通道有限公司');
    await page.getByTestId('wizard-create').click();

    // Settings: silty clay ground, and a crew plan for a smaller site.
    await page.getByTestId('wizard-settings').waitFor();
    await page.getByTestId('settings-soil').selectOption('clay');
    await page.getByTestId('settings-crewMin').fill('200');
    await page.getByTestId('settings-crewMax').fill('450');
    // The layout's longest panel: 7.5 m on this site (the shortest stays 3.0 m).
    expect(await page.getByTestId('settings-minPanelM').inputValue()).toBe('3');
    await page.getByTestId('settings-maxPanelM').fill('7.5');
    await page.getByTestId('settings-save').click();

    // A circular working shaft, 60 m across, its panels proposed and accepted.
    await page.getByTestId('wizard-structure').waitFor();
    await page.getByTestId('structure-code').fill('TC-S');
    await page.getByTestId('structure-nameZh').fill('太仓工作井');
    await page.getByTestId('structure-nameEn').fill('Taicang working shaft');
    await page.getByTestId('outline-shape').selectOption('circle');
    await page.getByTestId('outline-diameterM').fill('60');
    await page.getByTestId('layout-preview').click();
    // Corners are counted among the primaries (a circle has none); the lengths are in bounds.
    await expect
      .poll(() => page.getByTestId('layout-summary').textContent())
      .toBe('56 幅：A 28（含转角 0）、B 28、闭合 0；墙长 188.48 m；槽段长 3.131–3.6 m');
    expect(
      await page.locator('[data-testid="layout-summary-box"] [data-testid="wall-panel"]').count(),
    ).toBe(56);
    await page.getByTestId('layout-apply').click();
    await page.getByTestId('layout-created').waitFor();
    await page.getByTestId('wizard-next').click();

    // A milestone over the shaft.
    await page.getByTestId('milestone-nameZh').fill('井壁完成');
    await page.getByTestId('milestone-nameEn').fill('Shaft walls complete');
    await page.getByTestId('milestone-dueDate').fill('2027-02-20');
    await page.getByTestId('milestone-save').click();
    await page.getByTestId('project-wizard').waitFor({ state: 'detached' });

    // The app now opens on the new project: record a day on it.
    await page.getByTestId('today').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('太仓工作井');
    const project = await harness.context.api['project:get']({});
    expect(project).toMatchObject({ code: 'TC', isDemo: false });
    expect(project.settings.crewPlan).toEqual({ minWorkers: 200, maxWorkers: 450 });
    expect(project.settings.panelLengths).toEqual({ minM: 3, maxM: 7.5 });
    expect(project.settings.slurryLimits.densityMax).toBe(1.1);
    await page.getByTestId('stage-panel').selectOption({ index: 1 });
    await page.getByTestId('stage-save').click();
    await page.getByTestId('stage-saved').waitFor();
    const teams = await harness.context.api['teams:list']({ projectId: project.id });
    expect(teams).toHaveLength(8);
    await page.getByTestId(`crew-${teams[0]!.code}`).fill('14');
    await page.getByTestId('crew-save').click();
    await expect.poll(() => page.getByTestId('crew-totals').textContent()).toContain('14');

    const milestones = await harness.context.api['milestones:list']({ projectId: project.id });
    expect(milestones).toMatchObject([
      { nameZh: '井壁完成', scopeTotal: 56, dueDate: '2027-02-20' },
    ]);

    // A panel by hand, then retired: it stays in the register and leaves the count.
    await page.getByTestId('nav-panels').click();
    await page.getByTestId('panel-add').click();
    await page.getByTestId('panel-code').fill('X1');
    await page.getByTestId('panel-save').click();
    await expect
      .poll(
        async () => (await harness.context.api['panels:list']({ projectId: project.id })).length,
      )
      .toBe(57);
    await page.locator('[data-testid="wall-panel"][data-code="X1"] polygon').click();
    await page.getByTestId('panel-retire').click();
    await expect
      .poll(() => page.getByTestId('wall-plan').locator('figcaption').textContent())
      .toContain('0 / 56');
    expect(await page.getByTestId('panel-count').textContent()).toContain('57');

    // The sheet of the day, in the new project's name.
    await page.getByTestId('nav-reports').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file!, 'utf8');
    expect(csv).toContain('太仓工作井');
    expect(csv).toContain('A1');
  });
});
