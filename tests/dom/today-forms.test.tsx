// The Today screen's forms in jsdom over the real main (issue 27): what the engineer types is what
// is saved, a save elsewhere or a pulled change never blanks or reverts it, and a window that is
// reloaded keeps what was typed and not yet saved.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api, Results } from '../../main/api/contract';
import { dispatch } from '../../main/api/dispatch';
import type { Language } from '../../main/domain/i18n/messages';
import { openingDay } from '../../renderer/src/opening-day';
import { TodayScreen } from '../../renderer/src/features/site-day/TodayScreen';
import { openRealMain, withQueries, type RealMain } from './real-main';
import { renderIn } from './render';

afterEach(cleanup);

async function read<K extends keyof Results>(main: RealMain, channel: K, input: object) {
  const reply = await dispatch(main.app.api as Api, channel, input);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as Results[K];
}

/** The Today screen on the demo's opening day, and the day's first two teams. */
async function openToday(lang: Language) {
  const main = await openRealMain();
  // The day the app opens on, as App.tsx chooses it.
  const siteDay = openingDay(main.project);
  const today = await read(main, 'today:get', { projectId: main.project.id, siteDay });
  const screenUi = () =>
    withQueries(<TodayScreen project={main.project} structureId={null} siteDay={siteDay} />);
  const view = await renderIn(lang, screenUi());
  await screen.findByTestId('crew-form');
  const [first, second] = today.crews.teams;
  return { main, siteDay, view, screenUi, first: first!, second: second! };
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

async function typeInto(testId: string, text: string) {
  const field = input(testId);
  await userEvent.clear(field);
  await userEvent.type(field, text);
}

async function savedHeadcount(main: RealMain, siteDay: string, teamId: string) {
  const day = await read(main, 'crews:day', { projectId: main.project.id, siteDay });
  return day.records.find((r) => r.teamId === teamId && r.shift === 'day')?.headcount ?? null;
}

/** A write no call waits for, as a pull applies another laptop's change. */
async function pulled(main: RealMain, siteDay: string, teamId: string, headcount: number) {
  await act(async () => {
    await main.app.store.write((w) =>
      w.upsert(
        'crew_shifts',
        { project_id: main.project.id, site_day: siteDay, shift: 'day', team_id: teamId },
        { headcount, hours: 12 },
      ),
    );
  });
}

describe.each<Language>(['zh-CN', 'en'])('the Today forms in %s', (lang) => {
  const saved = lang === 'zh-CN' ? '已保存' : 'Saved';

  it('save one field, then another: the first stays, on screen and saved', async () => {
    const { main, siteDay, first, second } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '14');
    await userEvent.click(screen.getByTestId('crew-save'));
    await waitFor(() => expect(screen.getByTestId('crew-status').dataset.state).toBe('saved'));
    expect(screen.getByTestId('crew-status').textContent).toMatch(
      new RegExp(`${saved} \\d\\d:\\d\\d`),
    );
    expect(input(`crew-${first.code}`).value).toBe('14');

    await typeInto(`crew-${second.code}`, '9');
    await userEvent.click(screen.getByTestId('crew-save'));
    await waitFor(() => expect(input(`crew-${second.code}`).value).toBe('9'));
    await waitFor(() => expect(screen.getByTestId('crew-status').dataset.state).toBe('saved'));
    expect(input(`crew-${first.code}`).value).toBe('14');
    expect(await savedHeadcount(main, siteDay, first.id)).toBe(14);
    expect(await savedHeadcount(main, siteDay, second.id)).toBe(9);
  });

  it('a save elsewhere does not blank this form: the typed count stays and is saved next', async () => {
    const { main, siteDay, first } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '21');
    // Another form saves: the log's afternoon weather and a note.
    const log = within(screen.getByTestId('log-form'));
    fireEvent.change(log.getByTestId('log-weatherPm'), { target: { value: 'cloudy' } });
    await userEvent.clear(log.getByTestId('log-notes'));
    await userEvent.type(log.getByTestId('log-notes'), '导墙验收');
    await userEvent.click(log.getByTestId('log-save'));
    await waitFor(() => expect(screen.getByTestId('log-status').dataset.state).toBe('saved'));
    // The log shows what was saved, not a blank form; the crew form what was typed.
    expect((log.getByTestId('log-weatherPm') as HTMLSelectElement).value).toBe('cloudy');
    expect((log.getByTestId('log-notes') as HTMLTextAreaElement).value).toBe('导墙验收');
    expect(input(`crew-${first.code}`).value).toBe('21');
    expect(screen.getByTestId('crew-status').dataset.state).toBe('unsaved');
    await userEvent.click(screen.getByTestId('crew-save'));
    await waitFor(() => expect(screen.getByTestId('crew-status').dataset.state).toBe('saved'));
    expect(await savedHeadcount(main, siteDay, first.id)).toBe(21);
    const day = await read(main, 'today:get', { projectId: main.project.id, siteDay });
    expect(day.log?.notes).toBe('导墙验收');
  });

  it('a pulled change shows beside the draft, and the person chooses', async () => {
    const { main, siteDay, first, second } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '14');
    // Another laptop's counts arrive: one over the draft, one in a field not touched.
    await pulled(main, siteDay, first.id, 30);
    await pulled(main, siteDay, second.id, 7);
    await waitFor(() => expect(input(`crew-${second.code}`).value).toBe('7'));
    const conflicts = await screen.findByTestId('crew-conflicts');
    expect(conflicts.textContent).toContain('30');
    expect(conflicts.textContent).toContain('14');
    expect(input(`crew-${first.code}`).value).toBe('14');
    expect((screen.getByTestId('crew-save') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(
      within(conflicts).getByRole('button', { name: lang === 'zh-CN' ? '保留我的' : 'Keep mine' }),
    );
    await userEvent.click(screen.getByTestId('crew-save'));
    await waitFor(() => expect(screen.getByTestId('crew-status').dataset.state).toBe('saved'));
    expect(await savedHeadcount(main, siteDay, first.id)).toBe(14);
    expect(await savedHeadcount(main, siteDay, second.id)).toBe(7);
  });

  it('a draft that another laptop saved the same is done, and does not come back', async () => {
    const { main, siteDay, first } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '14');
    await pulled(main, siteDay, first.id, 14);
    await waitFor(() => expect(screen.queryByTestId('crew-status')).toBeNull());
    await pulled(main, siteDay, first.id, 20);
    await waitFor(() => expect(input(`crew-${first.code}`).value).toBe('20'));
    expect(screen.queryByTestId('crew-conflicts')).toBeNull();
  });

  it('taking the newer value drops the draft', async () => {
    const { main, siteDay, first } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '14');
    await pulled(main, siteDay, first.id, 30);
    const conflicts = await screen.findByTestId('crew-conflicts');
    await userEvent.click(
      within(conflicts).getByRole('button', { name: lang === 'zh-CN' ? '用新的' : 'Use theirs' }),
    );
    expect(input(`crew-${first.code}`).value).toBe('30');
    expect(screen.queryByTestId('crew-conflicts')).toBeNull();
  });

  it('what was typed and not saved survives a reload of the window', async () => {
    const { view, screenUi, first } = await openToday(lang);
    await typeInto(`crew-${first.code}`, '17');
    await typeInto('log-location', 'A12–A14');
    view.unmount();
    await renderIn(lang, screenUi());
    await screen.findByTestId('crew-form');
    expect(input(`crew-${first.code}`).value).toBe('17');
    expect(input('log-location').value).toBe('A12–A14');
    expect(screen.getByTestId('crew-status').dataset.state).toBe('unsaved');
  });

  it("a stage's panel and measurements typed and not saved survive a reload", async () => {
    const { main, view, screenUi } = await openToday(lang);
    const panels = await read(main, 'panels:list', { projectId: main.project.id });
    const panel = panels.find((p) => p.status === 'guide_wall')!;
    fireEvent.change(await screen.findByTestId('stage-panel'), { target: { value: panel.id } });
    await typeInto('m-depthM', '41.5');
    view.unmount();
    await renderIn(lang, screenUi());
    const picker = (await screen.findByTestId('stage-panel')) as HTMLSelectElement;
    expect(picker.value).toBe(panel.id);
    expect(input('m-depthM').value).toBe('41.5');
    await userEvent.click(screen.getByTestId('stage-save'));
    await screen.findByTestId('stage-saved');
    // Saved, the entry starts blank again.
    expect((screen.getByTestId('stage-panel') as HTMLSelectElement).value).toBe('');
  });

  it('a material entry typed survives a reload, is added once, and the form starts blank again', async () => {
    const { main, siteDay, view, screenUi } = await openToday(lang);
    const form = within(await screen.findByTestId('material-form'));
    await userEvent.type(form.getByTestId('material-name'), 'C35 P10 水下混凝土');
    await userEvent.type(form.getByTestId('material-quantity'), '282');
    await userEvent.type(form.getByTestId('material-supplier'), '海门商砼');
    view.unmount();
    await renderIn(lang, screenUi());
    const again = within(await screen.findByTestId('material-form'));
    expect((again.getByTestId('material-quantity') as HTMLInputElement).value).toBe('282');
    await userEvent.click(again.getByTestId('material-add'));
    await waitFor(() => expect(screen.getByTestId('material-status').dataset.state).toBe('saved'));
    expect((again.getByTestId('material-name') as HTMLInputElement).value).toBe('');
    const day = await read(main, 'materials:day', { projectId: main.project.id, siteDay });
    const added = day.entries.filter((e) => e.material === 'C35 P10 水下混凝土');
    expect(added.map((e) => [e.quantity, e.supplier])).toEqual([[282, '海门商砼']]);
    expect(screen.getAllByTestId('material-row').some((r) => r.textContent?.includes('282'))).toBe(
      true,
    );
  });

  it('the machine form keeps what was saved and says so', async () => {
    const { main, siteDay } = await openToday(lang);
    const form = within(await screen.findByTestId('machine-form'));
    const working = form.getAllByTestId(/^machine-.*-working$/)[0] as HTMLInputElement;
    const code = working.dataset.testid!.replace(/^machine-|-working$/g, '');
    await typeInto(`machine-${code}-working`, '7.5');
    await typeInto(`machine-${code}-standby`, '4.5');
    await typeInto(`machine-${code}-down`, '0');
    await userEvent.click(form.getByTestId('machine-save'));
    await waitFor(() => expect(screen.getByTestId('machine-status').dataset.state).toBe('saved'));
    expect((screen.getByTestId(`machine-${code}-working`) as HTMLInputElement).value).toBe('7.5');
    const day = await read(main, 'machines:day', { projectId: main.project.id, siteDay });
    const machine = day.machines.find((m) => m.code === code)!;
    const entry = day.shifts.day.find((e) => e.machineId === machine.id)!;
    expect(entry.recorded).toMatchObject({ hoursWorking: 7.5, hoursStandby: 4.5, hoursDown: 0 });
  });
});
