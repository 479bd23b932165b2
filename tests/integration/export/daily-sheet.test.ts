import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOG_FIELDS } from '../../../main/domain/daily-log';
import { renderSheetCsv } from '../../../main/export/csv';
import { renderSheetXlsx } from '../../../main/export/xlsx';
import { explainForecast } from '../../../main/domain/i18n/schedule-text';
import { renderSheetsHtmlString } from '../../../main/export/html';
import { translate } from '../../../main/domain/i18n/translate';
import { assembleDailySheet } from '../../../main/features/sheet/daily-sheet-service';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';

async function csvRows(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.csv.read(Readable.from([buffer.subarray(3).toString('utf8')]), {
    map: (v: unknown) => v,
  } as never);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

describe('the daily sheet', () => {
  it('is assembled from the day’s records and matches the database', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const day = (await app
      .db('panel_stage_events')
      .where({ stage: 'concreting' })
      .max({ d: 'site_day' })
      .first())!.d as string;
    const sheet = await assembleDailySheet(app.db, ids.projectId, day);
    const concreted = await app
      .db('panel_stage_events')
      .where({ stage: 'concreting', site_day: day })
      .count({ n: '*' });
    expect(sheet.finished).toHaveLength(Number(concreted[0]!.n));
    expect(sheet.finished[0]!.overbreakPct).toBeGreaterThan(0);
    expect(sheet.finished[0]!.depthM).toBeGreaterThan(60);
    const crews = await app.api['crews:day']({ projectId: ids.projectId, siteDay: day });
    expect(sheet.crews.totals).toEqual(crews.totals);
    expect(sheet.crews.teams).toHaveLength(8);
    expect(sheet.milestones[0]).toMatchObject({
      nameEn: 'Shaft diaphragm walls complete',
      dueDate: '2023-02-20',
      total: 60,
    });
    expect(sheet.milestones[0]!.daysToDue).toBeGreaterThan(0);
    expect(sheet.progress[0]!.total).toBe(60);
    expect(sheet.empty).toBe(false);
  });

  it('explains the forecast of an open milestone, not the row of a reached one', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const sheet = await assembleDailySheet(app.db, ids.projectId, ids.asOf);
    const open = sheet.milestones[0]!;
    const reached = {
      ...open,
      nameEn: 'Reached milestone',
      actualDate: '2023-01-20',
      finished: open.total,
      forecast: { ...open.forecast!, status: 'done' as const, actualDate: '2023-01-20' },
    };
    const html = renderSheetsHtmlString([{ ...sheet, milestones: [reached, open] }], 'en');
    const explained = [...html.matchAll(/<tr class="explain">(.*?)<\/tr>/g)].map((m) => m[1]);
    expect(explained).toHaveLength(1);
    expect(explained[0]).toContain(explainForecast('en', open.forecast!, open.dueDate, ids.asOf));
    expect(html).toContain('<td>Reached milestone</td>');
    expect(html).toContain('<td>2023-01-20</td>');
  });

  it('exports CSV with a BOM, in both languages, that reads back as the same figures', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const sheet = await assembleDailySheet(app.db, ids.projectId, ids.asOf);
    const zh = await renderSheetCsv(sheet, { lang: 'zh-CN' });
    expect([...zh.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = await csvRows(zh);
    expect(String(rows[0]![0])).toContain('施工日报');
    const total = rows.find((r) => r[0] === '合计' && r.length === 4)!;
    expect(total.slice(1).map(Number)).toEqual([
      sheet.crews.totals.day,
      sheet.crews.totals.night,
      sheet.crews.totals.workers,
    ]);
    expect(rows.find((r) => r[0] === '日期')![1]).toBe(ids.asOf);
    const bilingual = (await renderSheetCsv(sheet, { lang: 'bilingual' })).toString('utf8');
    expect(bilingual).toContain('出勤人数 Headcount');
  });

  it('exports XLSX with typed numbers and real dates', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const sheet = await assembleDailySheet(app.db, ids.projectId, ids.asOf);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await renderSheetXlsx(sheet, { lang: 'en' })) as unknown as ArrayBuffer,
    );
    const ws = workbook.worksheets[0]!;
    expect(ws.pageSetup.paperSize).toBe(9);
    const find = (label: string) => {
      let found: ExcelJS.Row | null = null;
      ws.eachRow((row) => {
        if (!found && row.getCell(1).value === label) found = row;
      });
      return found as unknown as ExcelJS.Row;
    };
    const date = find('Date').getCell(2).value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString().slice(0, 10)).toBe(ids.asOf);
    const total = find('Total');
    expect([total.getCell(2).value, total.getCell(3).value, total.getCell(4).value]).toEqual([
      sheet.crews.totals.day,
      sheet.crews.totals.night,
      sheet.crews.totals.workers,
    ]);
    expect(typeof find('Management staff').getCell(2).value).toBe('number');

    // The milestone's forecast as typed dates and numbers, its sentence below it, and the
    // look-ahead, all as the Schedule shows them for the day.
    const schedule = await app.api['schedule:get']({ projectId: ids.projectId, asOf: ids.asOf });
    const f = schedule.milestones[0]!.forecast;
    const row = find('Shaft diaphragm walls complete');
    const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);
    expect(day(row.getCell(8).value)).toBe(f.p50);
    expect(day(row.getCell(9).value)).toBe(f.p90);
    expect(row.getCell(10).value).toBe(f.floatDays);
    expect(row.getCell(11).value).toBe(translate('en', `schedule.status.${f.status}`));
    expect(String(ws.getRow(row.number + 1).getCell(1).value)).toBe(
      explainForecast('en', f, schedule.milestones[0]!.dueDate, ids.asOf),
    );
    const expected = schedule.lookAhead.filter((d) => d.panels.length > 0);
    expect(expected.length).toBeGreaterThan(0);
    const lookAheadDay = find('Day');
    expect(day(ws.getRow(lookAheadDay.number + 1).getCell(1).value)).toBe(expected[0]!.day);
    expect(ws.getRow(lookAheadDay.number + 1).getCell(3).value).toBe(
      expected[0]!.panels.map((p) => p.code).join(' '),
    );
  });

  it('is a valid, clearly empty sheet for a day with no records, and neutralises formulas', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const empty = await assembleDailySheet(app.db, ids.projectId, '2023-03-01');
    expect(empty.empty).toBe(true);
    expect((await renderSheetCsv(empty, { lang: 'en' })).toString('utf8')).toContain(
      'No work recorded for this day',
    );
    await app.api['log:save']({
      projectId: ids.projectId,
      siteDay: '2023-01-28',
      fields: {
        ...EMPTY_LOG_FIELDS,
        notes: '=HYPERLINK("http://x","click")',
        issues: '+1 crane down',
      },
    });
    const csv = (
      await renderSheetCsv(await assembleDailySheet(app.db, ids.projectId, '2023-01-28'), {
        lang: 'en',
      })
    ).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csv).toContain("'+1 crane down");
    // In XLSX the same text is a plain string cell, never a formula Excel would run.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await renderSheetXlsx(await assembleDailySheet(app.db, ids.projectId, '2023-01-28'), {
        lang: 'en',
      })) as unknown as ArrayBuffer,
    );
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const risky = cells.filter((c) => /^[=+\-@]/.test(String(c.value ?? '')) || c.formula);
    expect(cells.some((c) => c.value === '=HYPERLINK("http://x","click")')).toBe(true);
    for (const cell of risky) {
      expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Number).toBe(
        true,
      );
      expect(cell.formula).toBeUndefined();
    }
  });
});
