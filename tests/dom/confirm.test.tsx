// Confirm before destroying (issue 27): 撤销 asks first, Esc leaves the record, confirming undoes it
// and says what was undone; a refusal of the domain is said in the user's language.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/contract';
import { dispatch } from '../../main/api/dispatch';
import type { Language } from '../../main/domain/i18n/messages';
import { openingDay } from '../../renderer/src/opening-day';
import { TodayScreen } from '../../renderer/src/screens/TodayScreen';
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
