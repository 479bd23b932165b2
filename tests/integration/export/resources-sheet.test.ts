// The sheet's equipment and materials sections, read back from XLSX (typed numbers) and CSV in
// both languages and compared with the day's records; a project that records no machines or
// materials keeps its sheet as before.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderSheetCsv } from '../../../main/export/csv';
import { renderSheetHtmlString } from '../../../main/export/html';
import { renderSheetXlsx } from '../../../main/export/xlsx';
import { assembleDailySheet } from '../../../main/features/sheet/daily-sheet-service';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';

describe('the sheet’s equipment and materials', () => {
  it('lists every machine’s hours and the day’s materials, in XLSX as numbers', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const sheet = await assembleDailySheet(app.db, ids.projectId, ids.asOf);
    const shifts = await app
      .db('machine_shifts as s')
      .join('machines as m', 'm.id', 's.machine_id')
      .where({ 's.site_day': ids.asOf })
      .select('m.code', 's.shift', 's.hours_working', 's.hours_standby', 's.hours_down');
    expect(shifts.length).toBeGreaterThan(0);
    expect(sheet.machines!.map((m) => m.code).sort()).toEqual(
      [...new Set(shifts.map((s: { code: string }) => s.code))].sort(),
    );
    const entries = await app.db('material_entries').where({ site_day: ids.asOf });
    expect(sheet.materials!.entries).toHaveLength(entries.length);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await renderSheetXlsx(sheet, { lang: 'en' })) as unknown as ArrayBuffer,
    );
    const ws = workbook.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => rows.push(row));
    const shiftName = { day: 'Day shift', night: 'Night shift' } as Record<string, string>;
    for (const s of shifts as Record<string, string | number>[]) {
      const row = rows.find(
        (r) => r.getCell(1).value === s.code && r.getCell(4).value === shiftName[s.shift!],
      );
      expect(row, `${s.code} ${s.shift}`).toBeDefined();
      expect([row!.getCell(5).value, row!.getCell(6).value, row!.getCell(7).value]).toEqual([
        s.hours_working,
        s.hours_standby,
        s.hours_down,
      ]);
    }
    expect(rows.some((r) => r.getCell(1).value === 'Equipment')).toBe(true);
    for (const e of entries as Record<string, string | number>[]) {
      const row = rows.find(
        (r) => r.getCell(2).value === e.material && r.getCell(3).value === e.quantity,
      );
      expect(row, String(e.material)).toBeDefined();
      expect(typeof row!.getCell(3).value).toBe('number');
    }
    const concrete = rows.find((r) => r.getCell(1).value === 'Panels concreted')!;
    expect(ws.getRow(concrete.number + 1).getCell(1).value).toBe(sheet.materials!.concrete.panels);
    expect(ws.getRow(concrete.number + 1).getCell(3).value).toBe(
      sheet.materials!.concrete.actualM3,
    );

    // The Chinese CSV and the HTML carry the sections under their Chinese names.
    const csv = (await renderSheetCsv(sheet, { lang: 'zh-CN' })).subarray(3).toString('utf8');
    const parsed = new ExcelJS.Workbook();
    await parsed.csv.read(Readable.from([csv]));
    const csvText = JSON.stringify(parsed.worksheets[0]!.getSheetValues());
    expect(csvText).toContain('机械设备');
    expect(csvText).toContain('材料进场与使用');
    for (const m of sheet.machines!) expect(csvText).toContain(m.code);
    const html = renderSheetHtmlString(sheet, 'bilingual');
    expect(html).toContain('机械设备 Equipment');
    expect(html).toContain('材料进场与使用 Materials');
  });

  it('leaves the sections out for a project that records no machines or materials', async () => {
    const app = await demoApp();
    const project = await app.api['project:create']({
      code: 'TC',
      nameZh: '太仓工作井',
      nameEn: 'Taicang working shaft',
    });
    const sheet = await assembleDailySheet(app.db, project.id, '2026-03-02');
    expect(sheet.machines).toBeUndefined();
    expect(sheet.materials).toBeUndefined();
    expect(renderSheetHtmlString(sheet, 'zh-CN')).not.toContain('机械设备');
  });
});
