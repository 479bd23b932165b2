// The Sync screen in Chromium against a real sync server: connect, status, a manager resolving a
// conflict that another laptop caused, and what the laptop set aside of a pull.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoIds } from '../helpers/demo-ids';
import { useHarnessSession } from '../helpers/harness-session';
import { connect, laptop } from '../helpers/laptops';
import { encodeHlc } from '../../main/domain/hlc';
import { appendUnjudged, PASSWORD, startSyncServer } from '../helpers/sync-server';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

/** Connects from the Sync screen as a new user would, publishing this laptop's project. */
async function publishAs(page: Page, url: string, username: string): Promise<void> {
  await page.getByTestId('sync-badge').click();
  await page.getByTestId('sync-url').fill(url);
  await page.getByTestId('sync-username').fill(username);
  await page.getByTestId('sync-password').fill(PASSWORD);
  await page.getByTestId('sync-publish').check();
  await page.getByTestId('sync-connect-submit').click();
  await expect
    .poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 30_000 })
    .toBe('idle');
}

describe('the Sync screen', () => {
  it('connects, shows status, and lets a manager resolve a conflict', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    // A second manager: a panel's design is a manager's to correct.
    await server.addUser('li', 'manager');
    const { page, harness } = await session.open(tempDir());
    const ids = await demoIds(harness.context);

    await publishAs(page, server.url, 'wang');
    expect(await page.getByTestId('sync-pending').textContent()).toBe('0');
    await expect
      .poll(() => page.getByTestId('sync-badge').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('idle');

    // Another laptop and this one edit the same panel's cage weight without seeing each other.
    // This laptop stops syncing first: were it to pull the other's change before writing its own,
    // it would have seen it, and there would be no conflict (a race the test once lost).
    await harness.context.sync.stop();
    const other = await laptop();
    await connect(other, server.url, 'li', false, ids.projectId);
    const panel = ids.panel('A5');
    await other.store.write((w) => w.update('panels', panel.id, { cage_weight_t: 43.5 }));
    await other.sync.syncNow();
    await harness.context.store.write((w) => w.update('panels', panel.id, { cage_weight_t: 42 }));
    await page.getByTestId('sync-now').click();
    const conflict = page.getByTestId('conflict').first();
    await conflict.waitFor({ timeout: 30_000 });
    const values = [
      await conflict.getByTestId('conflict-kept').textContent(),
      await conflict.getByTestId('conflict-lost').textContent(),
    ];
    expect(values.sort()).toEqual(['42', '43.5']);
    const lost = await conflict.getByTestId('conflict-lost').textContent();
    await conflict.getByTestId('resolve-lost').click();
    await expect
      .poll(() => page.getByTestId('conflict').first().getAttribute('data-resolved'), {
        timeout: 30_000,
      })
      .toBe('lost');
    expect(
      String((await harness.context.db('panels').where({ id: panel.id }).first()).cage_weight_t),
    ).toBe(lost);
    await harness.context.sync.syncNow();
    await other.sync.syncNow();
    expect(String((await other.db('panels').where({ id: panel.id }).first()).cage_weight_t)).toBe(
      lost,
    );
  });

  it('lists a pulled value it set aside, with its author and why, in Chinese and English', async () => {
    const server = await startSyncServer();
    await server.addUser('wang', 'manager');
    const engineer = await server.addUser('zhao', 'engineer');
    const { page, harness } = await session.open(tempDir());
    const ids = await demoIds(harness.context);
    await publishAs(page, server.url, 'wang');
    // A value the server should have refused (an older or a compromised server took it).
    const panel = ids.panel('A5');
    await appendUnjudged(
      server.server,
      ids.projectId,
      [
        {
          op_id: 1,
          hlc: encodeHlc({ millis: Date.now(), counter: 1, node: 'ee00000000000000' }),
          tbl: 'panels',
          row_id: panel.id,
          col: 'cage_weight_t',
          value: 'lots',
          base_hlc: null,
        },
      ],
      'ee00000000000000',
      engineer,
    );
    await page.getByTestId('sync-now').click();
    const item = page.getByTestId('kept-aside').locator('li');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getAttribute('data-reason')).toBe('invalid');
    const zh = (await item.textContent())!;
    expect(zh).toContain('panels.cage_weight_t = lots');
    expect(zh).toContain('数值不符合规则');
    expect(zh).toContain('zhao 写于');
    // SCREENSHOTS=dir keeps what the user saw, to look at.
    const shot = async (lang: string) => {
      if (process.env.SCREENSHOTS)
        await page.screenshot({ path: `${process.env.SCREENSHOTS}/kept-aside-${lang}.png` });
    };
    await shot('zh');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => item.textContent()).toContain('the value breaks a rule');
    expect(await item.textContent()).toContain('written by zhao at');
    await shot('en');
    // Nothing of it reached the panel.
    expect(
      (await harness.context.db('panels').where({ id: panel.id }).first()).cage_weight_t,
    ).not.toBe('lots');
  });
});
