// The Reports screen in Chromium: the live preview and the exports, read back.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assembleDailySheet } from '../../main/features/sheet/daily-sheet-service';
import { useHarnessSession } from '../helpers/harness-session';
import { pdfText } from '../helpers/pdf-text';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('the Reports screen', () => {
  it('previews the day’s sheet and exports it as PDF and XLSX', async () => {
    const { page, harness } = await session.open(tempDir());
    const project = await harness.context.api['project:get']({});
    const sheet = await assembleDailySheet(
      harness.context.db,
      project.id,
      project.settings.demoToday!,
    );
    await page.getByTestId('nav-reports').click();
    const preview = page.getByTestId('sheet-preview');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toContain('施工日报');
    expect(await preview.evaluate((el) => el.shadowRoot!.textContent)).toContain(
      String(sheet.crews.totals.workers),
    );
    await page.getByTestId('sheet-lang').selectOption('en');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toContain('Daily progress sheet');

    const downloads = tempDir();
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-pdf').click(),
    ]);
    const pdfFile = path.join(downloads, pdf.suggestedFilename());
    await pdf.saveAs(pdfFile);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const text = await pdfText(fs.readFileSync(pdfFile));
    expect(text.text).toContain('Daily progress sheet');
    expect(text.text).toContain(String(sheet.crews.totals.workers));
    await page.getByTestId('export-done').waitFor();

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    const xlsxFile = path.join(downloads, 'sheet.xlsx');
    await xlsx.saveAs(xlsxFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    let total: unknown = null;
    workbook.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === 'Total' && typeof row.getCell(4).value === 'number')
        total = row.getCell(4).value;
    });
    expect(total).toBe(sheet.crews.totals.workers);

    // A week into one workbook, a worksheet per day.
    const [range] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('range-xlsx').click(),
    ]);
    const rangeFile = path.join(downloads, 'week.xlsx');
    await range.saveAs(rangeFile);
    const week = new ExcelJS.Workbook();
    await week.xlsx.readFile(rangeFile);
    expect(week.worksheets).toHaveLength(7);
    expect(week.worksheets.at(-1)!.name).toBe(project.settings.demoToday);
  });

  it('submits, approves and locks the day; a later change shows as a new revision', async () => {
    const { page, harness } = await session.open(tempDir());
    const project = await harness.context.api['project:get']({});
    const day = project.settings.demoToday!;
    await page.getByTestId('nav-reports').click();
    const status = page.getByTestId('signoff-status');
    await expect.poll(() => status.textContent()).toBe('尚未提交');
    await page.getByTestId('sheet-submit').click();
    await expect.poll(() => status.textContent()).toContain('第 1 版已提交');
    harness.context.store.identity.role = 'manager';
    await page.getByTestId('sheet-approve').click();
    await expect.poll(() => status.textContent()).toContain('第 1 版已审核');

    await harness.context.api['crews:staff']({
      projectId: project.id,
      siteDay: day,
      headcount: 66,
    });
    await page.getByTestId('nav-today').click();
    await page.getByTestId('nav-reports').click();
    await expect
      .poll(() => page.getByTestId('signoff-status').textContent())
      .toContain('可提交第 2 版');
    const preview = page.getByTestId('sheet-preview');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toContain('66');
    await page.getByTestId('sheet-revision').selectOption('1');
    // Revision 1 is shown as approved, before the staff count changed.
    const approved = await harness.context.api['sheet:preview']({
      projectId: project.id,
      siteDay: day,
      lang: 'zh-CN',
      revision: 1,
    });
    expect(approved.html).not.toContain('<td colspan="3">66</td>');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.innerHTML ?? ''))
      .not.toContain('<td colspan="3">66</td>');
  });
});
