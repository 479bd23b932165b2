// The supervisor's hold point in Chromium: a manager requires the trench acceptance signed, the
// engineer's next stage is refused with the reason, the supervisor rejects (a remark required) and
// then signs in the panel's drawer, and the stage goes on; both decisions stay on the panel and in
// its construction record.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();
const DAY = '2023-01-28';

describe('supervisor acceptance', () => {
  it('holds the desanding until the supervisor signs the trench acceptance', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const identity = harness.context.store.identity;
    const project = await api['project:get']({});
    const accepted = (await api['panels:list']({ projectId: project.id })).find(
      (p) => p.status === 'trench_acceptance',
    )!;
    /** The engineer types the panel's desanding (slurry within limits) and saves. */
    const typeDesanding = async () => {
      await page.getByTestId('stage-panel').selectOption({ label: `${accepted.code} → 刷壁清底` });
      for (const [key, value] of Object.entries({
        slurryDensity: '1.18',
        slurryViscosityS: '27',
        slurrySandPct: '3',
      }))
        await page.getByTestId(`m-${key}`).fill(value);
      await page.getByTestId('stage-save').click();
    };

    // The project's settings: the trench acceptance needs the supervisor's signature.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-signature-trench').check();
    await page.getByTestId('settings-save').click();
    await expect
      .poll(async () => (await api['project:get']({})).settings.signatures)
      .toEqual(['trench']);

    // The engineer's desanding is refused, in words, and nothing is written.
    identity.role = 'engineer';
    await page.getByTestId('nav-today').click();
    await page.getByTestId('site-day-input').fill(DAY);
    await page.getByTestId('site-day-input').press('Enter');
    await typeDesanding();
    await expect
      .poll(() => page.getByTestId('stage-form').textContent())
      .toContain(`槽段 ${accepted.code} 的“成槽验收”尚未经监理签认`);
    // What was typed stays for the retry.
    expect(await page.getByTestId('m-slurryDensity').inputValue()).toBe('1.18');

    // The supervisor opens the panel: a rejection needs a remark, then is kept; then he signs.
    // (Another person's laptop: the window is opened afresh under the supervisor's account.)
    identity.role = 'supervisor';
    identity.userName = '李监理';
    await page.reload();
    await page.getByTestId('nav-panels').click();
    await page.locator(`[data-testid="wall-panel"][data-code="${accepted.code}"] polygon`).click();
    await expect
      .poll(() => page.getByTestId('acceptance-trench-state').textContent())
      .toBe('待监理签认');
    await page.getByTestId('acceptance-trench-reject').click();
    await expect
      .poll(() => page.getByTestId('acceptance-trench').locator('.field-error').textContent())
      .toBe('必填');
    await page.getByTestId('acceptance-trench-remark').fill('沉渣偏厚，复测后再签');
    await page.getByTestId('acceptance-trench-reject').click();
    await expect
      .poll(() => page.getByTestId('acceptance-trench-state').textContent())
      .toBe('已驳回');
    await page.getByTestId('acceptance-trench-sign').click();
    await expect
      .poll(() => page.getByTestId('acceptance-trench-state').textContent())
      .toBe('已签认');
    const attempts = await page.getByTestId('acceptance-trench').locator('ol li').allTextContents();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toContain('第 1 次 · 已驳回 · 李监理');
    expect(attempts[0]).toContain('沉渣偏厚，复测后再签');
    expect(attempts[1]).toContain('第 2 次 · 已签认 · 李监理');
    // Signed: no more buttons.
    expect(await page.getByTestId('acceptance-trench-sign').count()).toBe(0);
    // The panel's record, as the supervisor files it: both decisions, his name and the remark.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('record-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `槽段施工记录-${project.structures.find((x) => x.id === accepted.structureId)!.code}-${accepted.code}-zh-CN.pdf`,
    );
    const pdfFile = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(pdfFile);
    const text = (await pdfText(fs.readFileSync(pdfFile))).text.replace(/\s+/g, '');
    for (const words of [
      '槽段施工记录',
      '成槽验收',
      '已驳回',
      '已签认',
      '李监理',
      '沉渣偏厚,复测后再签',
    ])
      expect(text).toContain(words);

    // The engineer's desanding now goes in.
    identity.role = 'engineer';
    await page.reload();
    await page.getByTestId('nav-today').click();
    await page.getByTestId('site-day-input').fill(DAY);
    await page.getByTestId('site-day-input').press('Enter');
    await typeDesanding();
    await expect.poll(() => page.getByTestId('stage-saved').textContent()).toContain(accepted.code);
  });
});
