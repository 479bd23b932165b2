// Two laptops (two harnesses in Chromium, one sync server) record the same team's day shift while
// the server is down. When it returns, both show one crew record, the Sync screen shows the
// conflict, and the daily sheet counts the surviving headcount, not the sum of both.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../main/harness/browser-harness';
import { openServer, type RunningServer } from '../../server/index';
import { useChromium } from '../helpers/browser';
import { tempDir } from '../helpers/temp-dir';
import { connectTwoLaptops } from '../helpers/two-laptops';
import { startE2eHarness } from '../helpers/harness-session';
import { openOn } from '../helpers/welcome';

const DAY = '2023-01-28';
const open: { close(): Promise<void> }[] = [];
const browser = useChromium(async () => {
  while (open.length) await open.pop()!.close();
});

/** The sync server again, over its data folder and on its address. */
async function server(dataDir: string, port: number): Promise<RunningServer> {
  const s = await openServer({ dataDir, loginPerMinute: 1000 });
  await s.app.listen({ host: '127.0.0.1', port });
  return s;
}

async function laptopPage(harness: Harness): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(harness.url);
  await openOn(page);
  await page.getByTestId('site-day-input').fill(DAY);
  await page.getByTestId('crew-form').waitFor();
  return page;
}

async function recordTrenchTeam(page: Page, headcount: string) {
  await page.getByTestId('crew-trench').fill(headcount);
  await page.getByTestId('crew-save').click();
  await expect.poll(() => page.getByTestId('crew-totals').textContent()).toContain(headcount);
}

describe('two engineers, one team, one shift', () => {
  it('make one crew record and one conflict, and the sheet counts it once', async () => {
    const laptops = await connectTwoLaptops(() => tempDir(), startE2eHarness);
    open.push(laptops);
    const { a, b, projectId, serverDir } = laptops;
    const port = Number(new URL(laptops.url).port);

    // The server goes down; both engineers record the trench team's day shift.
    await laptops.stopServer();
    const pageA = await laptopPage(a);
    const pageB = await laptopPage(b);
    expect(await pageB.getByTestId('user-badge').getAttribute('data-role')).toBe('engineer');
    await recordTrenchTeam(pageA, '60');
    await recordTrenchTeam(pageB, '62');

    // The server returns on the same address; each laptop syncs from its Sync screen.
    const s = await server(serverDir, port);
    open.push(s);
    for (const page of [pageA, pageB, pageA]) {
      await page.getByTestId('nav-sync').click();
      await page.getByTestId('sync-now').click();
      await expect
        .poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 30_000 })
        .toBe('idle');
    }

    const key = { project_id: projectId, site_day: DAY, shift: 'day' };
    for (const h of [a, b]) {
      const team = await h.context
        .db('teams')
        .where({ project_id: projectId, code: 'trench' })
        .first('id');
      const live = async () =>
        (
          await h.context
            .db('crew_shifts')
            .where({ ...key, team_id: team.id })
            .whereNull('deleted_at')
        ).map((r: { headcount: number }) => r.headcount);
      // The last "Sync now" may still be running when its screen says idle.
      await expect.poll(live, { timeout: 30_000 }).toEqual([62]);
      const sheet = await h.context.api['sheet:export']({
        projectId,
        siteDay: DAY,
        lang: 'en',
        format: 'csv',
      });
      const csv = Buffer.from(sheet.dataBase64, 'base64').toString('utf8');
      expect(csv).toMatch(/62/);
      const crews = await h.context.api['crews:day']({ projectId, siteDay: DAY });
      expect(crews.totals.workers).toBe(62); // not 60 + 62
    }
    const conflicts = await b.context.api['sync:conflicts']({ projectId });
    expect(conflicts.map((c) => [c.column, c.kept.value, c.lost.value])).toEqual([
      ['headcount', 62, 60],
    ]);
    expect(
      await s.store.knex('cells').where({ tbl: 'conflicts', col: 'target_col' }).count({ n: '*' }),
    ).toEqual([{ n: 1 }]);

    // Both laptops show the one record, and the conflict on the Sync screen.
    for (const page of [pageA, pageB]) {
      const conflict = page.getByTestId('conflict').first();
      await conflict.waitFor({ timeout: 30_000 });
      expect(await conflict.getByTestId('conflict-kept').textContent()).toBe('62');
      expect(await conflict.getByTestId('conflict-lost').textContent()).toBe('60');
      await page.getByTestId('nav-today').click();
      await page.getByTestId('crew-form').waitFor();
      // The screen shows what it last read at once, and what the pull brought a moment later.
      await expect.poll(() => page.getByTestId('crew-trench').inputValue()).toBe('62');
    }
  });
});
