import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { openAppContext } from '../../../main/app/app-context';
import { assembleDailySheet } from '../../../main/features/sheet/daily-sheet-service';
import { pdfFontNames, pdfText } from '../../helpers/pdf-text';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

describe('haitai sheet', () => {
  it('exports a week into one PDF (a day per page) and one XLSX (a worksheet per day)', async () => {
    const dataDir = tempDir();
    const outDir = tempDir();
    expect(
      await runCli(['demo', '--data-dir', dataDir], captureCli({ LANG: 'en_US.UTF-8' }).io),
    ).toBe(0);
    const pdfFile = path.join(outDir, 'week.pdf');
    const xlsxFile = path.join(outDir, 'week.xlsx');
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--from',
          '2023-01-21',
          '--to',
          '2023-01-27',
          '--format',
          'pdf',
          '--lang',
          'en',
          '--out',
          pdfFile,
        ],
        captureCli({ LANG: 'en_US.UTF-8' }).io,
      ),
    ).toBe(0);
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--from',
          '2023-01-21',
          '--to',
          '2023-01-27',
          '--format',
          'xlsx',
          '--out',
          xlsxFile,
        ],
        captureCli({ LANG: 'en_US.UTF-8' }).io,
      ),
    ).toBe(0);
    const pdf = await pdfText(fs.readFileSync(pdfFile));
    expect(pdf.pages).toBeGreaterThanOrEqual(7);
    for (const day of ['2023-01-21', '2023-01-24', '2023-01-27']) expect(pdf.text).toContain(day);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      '2023-01-27',
    ]);
    const backwards = captureCli({ LANG: 'en_US.UTF-8' });
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--from',
          '2023-01-27',
          '--to',
          '2023-01-21',
          '--format',
          'csv',
          '--out',
          path.join(outDir, 'x.csv'),
        ],
        backwards.io,
      ),
    ).toBe(2);
    expect(
      await runCli(
        ['sheet', '--data-dir', dataDir, '--format', 'csv', '--out', path.join(outDir, 'x.csv')],
        captureCli({ LANG: 'en_US.UTF-8' }).io,
      ),
    ).toBe(2);
  });

  it('writes all four formats for a demo day in both languages, matching the database', async () => {
    const dataDir = tempDir();
    const outDir = tempDir();
    expect(
      await runCli(['demo', '--data-dir', dataDir], captureCli({ LANG: 'en_US.UTF-8' }).io),
    ).toBe(0);
    const app = await openAppContext({ dataDir, runtime: 'test' });
    const project = await app.api['project:get']({});
    const day = project.settings.demoToday!;
    const sheet = await assembleDailySheet(app.db, project.id, day);
    await app.close();

    for (const lang of ['zh-CN', 'en'] as const) {
      for (const format of ['pdf', 'xlsx', 'csv', 'html'] as const) {
        const out = path.join(outDir, `sheet-${lang}.${format}`);
        const run = captureCli({ LANG: 'en_US.UTF-8' });
        expect(
          await runCli(
            [
              'sheet',
              '--data-dir',
              dataDir,
              '--date',
              day,
              '--format',
              format,
              '--lang',
              lang,
              '--out',
              out,
            ],
            run.io,
          ),
          run.err.join('\n'),
        ).toBe(0);
        expect(fs.statSync(out).size).toBeGreaterThan(500);
      }
    }
    const zh = await pdfText(fs.readFileSync(path.join(outDir, 'sheet-zh-CN.pdf')));
    expect(zh.text).toContain('施工日报');
    expect(zh.text).toContain('出勤人数');
    // Noto CJK maps 页 to the radical ⻚ in its ToUnicode table; either is the page label.
    expect(zh.text).toMatch(/第\s*1\s*[页⻚]\s*\/\s*共\s*\d+\s*[页⻚]/);
    expect(zh.text).toContain(String(sheet.crews.totals.workers));
    // One face, no bold: a second CJK face costs Chromium about as much as the rest of the print.
    expect(await pdfFontNames(fs.readFileSync(path.join(outDir, 'sheet-zh-CN.pdf')))).toEqual([
      'NotoSansCJKsc-Regular',
    ]);
    const en = await pdfText(fs.readFileSync(path.join(outDir, 'sheet-en.pdf')));
    expect(en.text).toContain('Daily progress sheet');
    expect(en.text).toContain('Shaft diaphragm walls complete');
    expect(en.text).toMatch(/Page\s*1\s*of\s*\d/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, 'sheet-en.xlsx'));
    let staff: unknown = null;
    workbook.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === 'Management staff') staff = row.getCell(2).value;
    });
    expect(staff).toBe(sheet.staff);
    expect(fs.readFileSync(path.join(outDir, 'sheet-zh-CN.html'), 'utf8')).toContain(
      '<h1>施工日报</h1>',
    );
  });

  it('refuses bad flags and unwritable paths clearly, leaving no partial file', async () => {
    const dataDir = tempDir();
    const outDir = tempDir();
    expect(
      await runCli(['demo', '--data-dir', dataDir], captureCli({ LANG: 'en_US.UTF-8' }).io),
    ).toBe(0);
    const bad = captureCli({ LANG: 'en_US.UTF-8' });
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--date',
          '2023-01-27',
          '--format',
          'docx',
          '--out',
          path.join(outDir, 'x.docx'),
        ],
        bad.io,
      ),
    ).toBe(2);
    expect(bad.err.join('\n')).toMatch(/Invalid command line.*docx/);
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--date',
          '2023-02-30',
          '--format',
          'csv',
          '--out',
          path.join(outDir, 'x.csv'),
        ],
        captureCli({ LANG: 'en_US.UTF-8' }).io,
      ),
    ).toBe(2);
    const unwritable = captureCli({ LANG: 'en_US.UTF-8' });
    const target = path.join(outDir, 'no-such-folder', 'sheet.csv');
    expect(
      await runCli(
        [
          'sheet',
          '--data-dir',
          dataDir,
          '--date',
          '2023-01-27',
          '--format',
          'csv',
          '--out',
          target,
        ],
        unwritable.io,
      ),
    ).toBe(1);
    expect(unwritable.err.join('\n')).toMatch(
      /Cannot write .*sheet\.csv: ENOENT\. No partial file/,
    );
    expect(fs.readdirSync(outDir)).toEqual([]);
  });
});
