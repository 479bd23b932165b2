// Issue 27 in Chromium, through the real renderer: what the engineer types is what is saved, and
// what another laptop saves appears on an open screen without a reload.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../helpers/browser';
import { connectTwoLaptops } from '../helpers/two-laptops';
import { startE2eHarness, useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';
import { openOn } from '../helpers/welcome';

const DAY = '2023-01-28';

async function onDay(page: Page) {
  await page.getByTestId('site-day-input').fill(DAY);
  await expect.poll(() => page.getByTestId('site-day').textContent()).toContain('2023');
  await page.getByTestId('crew-form').waitFor();
}

/** Saves a form after typing into it: waits for its status to say so (or shows why not). */
async function save(page: Page, form: 'crew' | 'log' | 'machine') {
  const status = page.getByTestId(`${form}-status`);
  await expect.poll(() => status.getAttribute('data-state')).toBe('unsaved');
  await page.getByTestId(`${form}-save`).click();
  const refused = page.getByTestId(`${form}-form`).getByTestId('error');
  await expect
    .poll(async () =>
      (await refused.count()) ? await refused.textContent() : status.getAttribute('data-state'),
    )
    .toBe('saved');
}

/** The day column of a team's row on the sheet's preview (its shadow root). */
const sheetDayCount = (page: Page, team: string) =>
  page.evaluate((name) => {
    const root = document.querySelector('[data-testid="sheet-preview"]')?.shadowRoot;
    const row = [...(root?.querySelectorAll('tr') ?? [])].find(
      (tr) => tr.firstElementChild?.textContent === name,
    );
    return row?.children[1]?.textContent ?? null;
  }, team);

describe('what the engineer types is what is saved', () => {
  const session = useHarnessSession();

  it('twenty saves in a row across the Today forms, each value read back from the screen, after a reload and on the sheet', async () => {
    const { page, harness } = await session.open(tempDir());
    await onDay(page);
    const api = harness.context.api;
    const project = await api['project:get']({});
    const teams = (await api['teams:list']({ projectId: project.id })).filter((t) => !t.retiredAt);
    // A machine new to the site, with nothing recorded: each of its three saves stands alone.
    // Added outside any call of this window, as a pull would: the open screen shows it.
    const machine = { code: 'SG60-9' };
    await api['machines:save']({
      projectId: project.id,
      code: machine.code,
      kind: 'hydraulic_grab',
      onSite: true,
    });
    await page.getByTestId(`machine-${machine.code}-working`).waitFor({ timeout: 5000 });
    // The twenty saves: each team's count twice over (the second must not undo the first), the
    // staff, the log's fields, and a machine's hours.
    const crew = new Map<string, string>();
    const steps: { form: 'crew' | 'log' | 'machine'; testId: string; value: string }[] = [];
    for (let i = 0; steps.length < 12; i++) {
      const team = teams[i % teams.length]!;
      steps.push({ form: 'crew', testId: `crew-${team.code}`, value: String(10 + i) });
    }
    steps.push({ form: 'crew', testId: 'crew-staff', value: '11' });
    steps.push({ form: 'log', testId: 'log-location', value: 'A12–A14 槽段' });
    steps.push({ form: 'log', testId: 'log-notes', value: '成槽两幅，钢筋笼一幅' });
    steps.push({ form: 'log', testId: 'log-tempMinC', value: '3' });
    steps.push({ form: 'log', testId: 'log-rainMm', value: '0.5' });
    steps.push({ form: 'machine', testId: `machine-${machine.code}-working`, value: '8' });
    steps.push({ form: 'machine', testId: `machine-${machine.code}-standby`, value: '2' });
    steps.push({ form: 'machine', testId: `machine-${machine.code}-standby`, value: '3' });
    expect(steps).toHaveLength(20);
    for (const step of steps) {
      await page.getByTestId(step.testId).fill(step.value);
      await save(page, step.form);
      if (step.testId.startsWith('crew-') && step.testId !== 'crew-staff')
        crew.set(step.testId, step.value);
      await expect.poll(() => page.getByTestId(step.testId).inputValue()).toBe(step.value);
    }
    const last = new Map(steps.map((s) => [s.testId, s.value]));
    const readBack = async () => {
      for (const [testId, value] of last)
        expect(await page.getByTestId(testId).inputValue(), testId).toBe(value);
    };
    await readBack();
    await page.reload();
    await openOn(page);
    await onDay(page);
    await readBack();
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('sheet-preview').waitFor();
    for (const team of teams) {
      const typed = crew.get(`crew-${team.code}`);
      if (typed) await expect.poll(() => sheetDayCount(page, team.nameZh)).toBe(typed);
    }
    const sheet = await page.evaluate(
      () => document.querySelector('[data-testid="sheet-preview"]')?.shadowRoot?.textContent,
    );
    expect(sheet).toContain('A12–A14 槽段');
    expect(sheet).toContain('成槽两幅，钢筋笼一幅');
  });

  it('a count typed and not saved stays while a stage is saved, and is saved next', async () => {
    const { page, harness } = await session.open(tempDir());
    await onDay(page);
    const api = harness.context.api;
    const project = await api['project:get']({});
    const [team] = await api['teams:list']({ projectId: project.id });
    const panels = await api['panels:list']({ projectId: project.id });
    const excavating = panels.find((p) => p.status === 'guide_wall')!;
    await page.getByTestId(`crew-${team!.code}`).fill('23');
    await page.getByTestId('stage-panel').selectOption({ label: `${excavating.code} → 成槽` });
    await page.getByTestId('m-depthM').fill('12.5');
    await page.getByTestId('stage-save').click();
    await expect
      .poll(() => page.getByTestId('stage-saved').textContent())
      .toContain(excavating.code);
    expect(await page.getByTestId(`crew-${team!.code}`).inputValue()).toBe('23');
    await save(page, 'crew');
    const day = await api['crews:day']({ projectId: project.id, siteDay: DAY });
    expect(day.records.find((r) => r.teamId === team!.id && r.shift === 'day')?.headcount).toBe(23);
  });
});

describe('what another laptop saves appears', () => {
  const open: { close(): Promise<void> }[] = [];
  const browser = useChromium(async () => {
    while (open.length) await open.pop()!.close();
  });

  it("on B's open Today screen, without a reload, when A saves a crew count", async () => {
    const { a, b, projectId, close } = await connectTwoLaptops(() => tempDir(), startE2eHarness);
    open.push({ close });
    const pages = await Promise.all(
      [a, b].map(async (harness) => {
        const page = await browser().newPage({ viewport: { width: 1440, height: 1000 } });
        await page.goto(harness.url);
        await openOn(page);
        await onDay(page);
        return page;
      }),
    );
    const [pageA, pageB] = pages as [Page, Page];
    const [team] = await a.context.api['teams:list']({ projectId });
    const field = `crew-${team!.code}`;
    const before = await pageB.getByTestId(field).inputValue();
    const typed = before === '31' ? '32' : '31';
    await pageA.getByTestId(field).fill(typed);
    await save(pageA, 'crew');
    await expect.poll(() => pageB.getByTestId(field).inputValue(), { timeout: 15_000 }).toBe(typed);
    // B's own typing is a draft: A's next count shows beside it, not over it.
    await pageB.getByTestId('crew-staff').fill('9');
    await a.context.api['crews:staff']({ projectId, siteDay: DAY, headcount: 12 });
    await a.context.sync.syncNow();
    await pageB.getByTestId('crew-conflicts').waitFor({ timeout: 15_000 });
    expect(await pageB.getByTestId('crew-staff').inputValue()).toBe('9');
    expect(await pageB.getByTestId('crew-conflicts').textContent()).toContain('12');
  });
});
