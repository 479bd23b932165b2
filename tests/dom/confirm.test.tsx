// Warn before refusing, confirm before destroying (issue 27): a slurry past its limits is shown in
// amber with the limit and saved only with a reason; 撤销 asks first, Esc leaves the record,
// confirming undoes it and says what was undone.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/contract';
import { dispatch } from '../../main/api/dispatch';
import type { Language } from '../../main/domain/i18n/messages';
import { openingDay } from '../../renderer/src/opening-day';
import { TodayScreen } from '../../renderer/src/features/site-day/TodayScreen';
import { openRealMain, withQueries } from './real-main';
import { renderIn } from './render';

afterEach(cleanup);

async function todayWithOneStage(lang: Language) {
  const main = await openRealMain();
  const siteDay = openingDay(main.project);
  const api = main.app.api as Api;
  const panels = await main.app.api['panels:list']({ projectId: main.project.id });
  const panel = panels.find((p) => p.status === 'guide_wall')!;
  const recorded = await dispatch(api, 'stages:record', {
    panelId: panel.id,
    stage: 'excavation',
    siteDay,
    shift: 'day',
    teamId: null,
    measurements: { depthM: 12.5 },
    notes: null,
  });
  expect(recorded.ok).toBe(true);
  await renderIn(
    lang,
    withQueries(<TodayScreen project={main.project} structureId={null} siteDay={siteDay} />),
  );
  const events = await screen.findByTestId('day-events');
  const row = within(events)
    .getAllByTestId('day-event')
    .find((li) => li.textContent?.includes(panel.code))!;
  const count = async () => (await main.app.api['panels:get']({ panelId: panel.id })).events.length;
  return { main, panel, row, count };
}

describe.each<Language>(['zh-CN', 'en'])('undo in %s', (lang) => {
  const undo = lang === 'zh-CN' ? '撤销' : 'Undo';

  it('asks first; Esc keeps the record; confirming undoes it and says what', async () => {
    const { panel, row, count } = await todayWithOneStage(lang);
    const before = await count();
    await userEvent.click(within(row).getByRole('button', { name: undo }));
    const question = await screen.findByTestId('confirm-question');
    expect(question.textContent).toContain(panel.code);
    expect(question.textContent).toContain(lang === 'zh-CN' ? '成槽' : 'Excavation');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm')).toBeNull();
    expect(await count()).toBe(before);

    await userEvent.click(within(row).getByRole('button', { name: undo }));
    await screen.findByTestId('confirm');
    // The confirm button has the focus: Enter confirms.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('undone').textContent).toContain(panel.code));
    expect(await count()).toBe(before - 1);
  });
});

describe.each<Language>(['zh-CN', 'en'])('a slurry past its limits in %s', (lang) => {
  it('is warned of with its limit, and saved only with a reason, which the record keeps', async () => {
    const main = await openRealMain();
    const siteDay = openingDay(main.project);
    const panels = await main.app.api['panels:list']({ projectId: main.project.id });
    const panel = panels.find((p) => p.status === 'trench_acceptance')!;
    await renderIn(
      lang,
      withQueries(<TodayScreen project={main.project} structureId={null} siteDay={siteDay} />),
    );
    const form = within(await screen.findByTestId('stage-form'));
    fireEvent.change(form.getByTestId('stage-panel'), { target: { value: panel.id } });
    await userEvent.type(form.getByTestId('m-slurryDensity'), '1.32');
    await userEvent.type(form.getByTestId('m-slurryViscosityS'), '28');
    await userEvent.type(form.getByTestId('m-slurrySandPct'), '3');
    const warning = await screen.findByTestId('stage-warnings');
    const limits = main.project.settings.slurryLimits;
    expect(warning.textContent).toContain('1.32');
    expect(warning.textContent).toContain(`${limits.densityMin}–${limits.densityMax}`);
    const save = form.getByTestId('stage-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.textContent).toBe(lang === 'zh-CN' ? '仍然保存' : 'Save anyway');
    await userEvent.type(screen.getByTestId('stage-warning-reason'), '复测中');
    expect(save.disabled).toBe(false);
    await userEvent.click(save);
    await waitFor(async () => {
      const events = (await main.app.api['panels:get']({ panelId: panel.id })).events;
      expect(events.at(-1)?.stage).toBe('desanding');
      expect(events.at(-1)?.notes).toContain('复测中');
      expect(events.at(-1)?.notes).toContain('1.32');
    });
  });
});
