// The registers in Settings (teams, machines) share one editor (issue 29): in jsdom over the real
// main, in Chinese and English, a row corrected and saved shows what was saved, a row added leaves
// the blank row blank, a refusal is said in the user's language and keeps what was typed, an edit
// of one row survives a save of another, retiring and moving work.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../main/domain/i18n/messages';
import { MachinesEditor } from '../../renderer/src/features/site-resources/MachinesEditor';
import { TeamsEditor } from '../../renderer/src/features/setup/TeamsEditor';
import { openRealMain, withQueries } from './real-main';
import { renderIn } from './render';

afterEach(cleanup);

const field = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

/** Clicks a button once it takes clicks: a row's buttons wait while a save is under way. */
async function press(testId: string) {
  await waitFor(() =>
    expect((screen.getByTestId(testId) as HTMLButtonElement).disabled).toBe(false),
  );
  await userEvent.click(screen.getByTestId(testId));
}

async function retype(testId: string, text: string) {
  await userEvent.clear(field(testId));
  if (text) await userEvent.type(field(testId), text);
}

describe.each<Language>(['zh-CN', 'en'])('the registers in %s', (lang) => {
  const zh = lang === 'zh-CN';

  it('teams: correct one, add one, a refusal keeps what was typed, retire, move', async () => {
    const main = await openRealMain();
    const projectId = main.project.id;
    const teams = () => main.app.api['teams:list']({ projectId });
    const [first, second] = await teams();
    await renderIn(lang, withQueries(<TeamsEditor projectId={projectId} />));
    await screen.findByTestId(`team-${first!.code}-row`);

    // A correction of one row, then another row's: the first stays as saved.
    await retype(`team-${first!.code}-nameEn`, 'Grab crew A');
    await retype(`team-${second!.code}-nameEn`, 'Rebar crew B');
    await press(`team-${first!.code}-save`);
    await waitFor(async () =>
      expect((await teams()).find((t) => t.id === first!.id)?.nameEn).toBe('Grab crew A'),
    );
    // The other row's edit, not yet saved, is still there after the first row's save.
    expect(field(`team-${second!.code}-nameEn`).value).toBe('Rebar crew B');
    await waitFor(() => expect(screen.queryByTestId(`team-${first!.code}-save`)).toBeNull());
    expect(field(`team-${first!.code}-nameEn`).value).toBe('Grab crew A');

    // A new team without a Chinese name: refused by name, in the user's language, nothing lost.
    const before = (await teams()).length;
    await retype('team-new-code', 'T99');
    await retype('team-new-nameEn', 'Survey night crew');
    await press('team-new-save');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(zh ? '中文名称' : 'Chinese name');
    expect(alert.textContent).not.toMatch(/Too small|expected string|nameZh/);
    expect(field('team-new-code').value).toBe('T99');
    expect((await teams()).length).toBe(before);

    // Completed, it is added and the blank row is blank again.
    await retype('team-new-nameZh', '夜班测量班');
    await press('team-new-save');
    await screen.findByTestId('team-T99-row');
    expect((await teams()).find((t) => t.code === 'T99')?.nameZh).toBe('夜班测量班');
    expect(field('team-new-code').value).toBe('');

    // Retired, it says so and can come back.
    await press('team-T99-retire');
    await waitFor(async () =>
      expect((await teams()).find((t) => t.code === 'T99')?.retiredAt).not.toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByTestId('team-T99-retire').textContent).toBe(zh ? '恢复' : 'Bring back'),
    );

    // Renamed on another laptop (a pull): a row nobody edits shows it; a row being edited keeps
    // what is typed.
    const third = (await teams())[2]!;
    await retype(`team-${second!.code}-nameEn`, 'Rebar crew B2');
    await act(async () => {
      await main.app.store.write(async (w) => {
        await w.update('teams', third.id, { name_en: 'Pulled name' });
        await w.update('teams', second!.id, { name_en: 'Pulled too' });
      });
    });
    await waitFor(() => expect(field(`team-${third.code}-nameEn`).value).toBe('Pulled name'));
    expect(field(`team-${second!.code}-nameEn`).value).toBe('Rebar crew B2');

    // Moved up, it changes places with the team above it.
    const order = (await teams()).map((t) => t.code);
    const row = screen.getByTestId(`team-${second!.code}-row`);
    await userEvent.click(within(row).getByRole('button', { name: zh ? '上移' : 'Move up' }));
    await waitFor(async () =>
      expect((await teams()).map((t) => t.code).slice(0, 2)).toEqual([order[1], order[0]]),
    );
  });

  it('machines: register one with its kind and site, correct it, retire it', async () => {
    const main = await openRealMain();
    const projectId = main.project.id;
    const machines = () => main.app.api['machines:list']({ projectId });
    await renderIn(lang, withQueries(<MachinesEditor projectId={projectId} />));
    await screen.findByTestId('machines-editor');

    await retype('machine-new-code', 'CR-7');
    await userEvent.selectOptions(field('machine-new-kind'), 'trench_cutter');
    await retype('machine-new-makeModel', 'BAUER BC 40');
    await userEvent.click(field('machine-new-onSite'));
    await press('machine-new-save');
    await screen.findByTestId('machine-CR-7-row');
    expect((await machines()).find((m) => m.code === 'CR-7')).toMatchObject({
      kind: 'trench_cutter',
      makeModel: 'BAUER BC 40',
      onSite: false,
    });
    expect(field('machine-new-code').value).toBe('');
    expect(field('machine-CR-7-makeModel').value).toBe('BAUER BC 40');

    await userEvent.click(field('machine-CR-7-onSite'));
    await press('machine-CR-7-save');
    await waitFor(async () =>
      expect((await machines()).find((m) => m.code === 'CR-7')?.onSite).toBe(true),
    );
    await press('machine-CR-7-retire');
    await waitFor(async () =>
      expect((await machines()).find((m) => m.code === 'CR-7')?.retiredAt).not.toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByTestId('machine-CR-7-retire').textContent).toBe(
        zh ? '恢复' : 'Bring back',
      ),
    );
  });
});
