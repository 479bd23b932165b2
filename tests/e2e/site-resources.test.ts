// An engineer records a shift's machines and a delivery on the Today screen in Chromium, starting
// from the previous shift's hours; the sheet exported as PDF and XLSX carries both.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useHarnessSession } from '../helpers/harness-session';
import { pdfText } from '../helpers/pdf-text';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

describe('machines and materials on the Today screen', () => {
  it('records the night shift’s machines and a delivery, and the sheet carries them', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const siteDay = project.settings.demoToday!;

    // The night's default is the day shift's hours (what the form offers before anything is saved).
    await page.getByTestId('shift-night').click();
    const form = page.getByTestId('machine-form');
    await form.waitFor();
    const before = await api['machines:day']({ projectId: project.id, siteDay });
    const grab = before.machines.find((m) => m.code === 'SG60-1')!;
    const night = before.shifts.night.find((e) => e.machineId === grab.id)!;
    const dayShift = before.shifts.day.find((e) => e.machineId === grab.id)!.recorded!;
    expect(night.carried?.hoursWorking).toBe(dayShift.hoursWorking);

    // The grab stood 2 hours waiting for a cage.
    await page.getByTestId('machine-SG60-1-working').fill('8');
    await page.getByTestId('machine-SG60-1-standby').fill('2');
    await page.getByTestId('machine-SG60-1-down').fill('2');
    await page.getByTestId('machine-SG60-1-reason').selectOption('waiting_cage');
    await page.getByTestId('machine-save').click();
    await expect
      .poll(async () => {
        const after = await api['machines:day']({ projectId: project.id, siteDay });
        return after.shifts.night.find((e) => e.machineId === grab.id)!.recorded;
      })
      .toMatchObject({
        hoursWorking: 8,
        hoursStandby: 2,
        hoursDown: 2,
        downReason: 'waiting_cage',
      });

    // A rebar delivery with its supplier and delivery note.
    await page.getByTestId('material-name').fill('HRB400 钢筋');
    await page.getByTestId('material-quantity').fill('42.5');
    await page.getByTestId('material-unit').selectOption('t');
    await page.getByTestId('material-supplier').fill('江苏沙钢集团');
    await page.getByTestId('material-note-no').fill('SG-230127-9');
    await page.getByTestId('material-add').click();
    await expect
      .poll(() => page.getByTestId('material-list').textContent())
      .toContain('SG-230127-9');

    // The sheet, in English, as PDF and XLSX.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('sheet-lang').selectOption('en');
    const downloads = tempDir();
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-pdf').click(),
    ]);
    const pdfFile = path.join(downloads, 'sheet.pdf');
    await pdf.saveAs(pdfFile);
    // PDF text comes back without the spaces inside a cell: compare without any.
    const text = (await pdfText(fs.readFileSync(pdfFile))).text.replace(/\s+/g, '');
    expect(text).toContain('Equipment');
    expect(text).toContain('8.002.002.00Waitingforcage');
    expect(text).toContain('HRB400钢筋42.5t江苏沙钢集团SG-230127-9');
    await page.getByTestId('export-done').waitFor();

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    const xlsxFile = path.join(downloads, 'sheet.xlsx');
    await xlsx.saveAs(xlsxFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    const rows: ExcelJS.Row[] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push(row));
    const grabNight = rows.find(
      (r) => r.getCell(1).value === 'SG60-1' && r.getCell(4).value === 'Night shift',
    )!;
    expect([5, 6, 7, 8].map((c) => grabNight.getCell(c).value)).toEqual([
      8,
      2,
      2,
      'Waiting for cage',
    ]);
    const rebar = rows.find((r) => r.getCell(6).value === 'SG-230127-9')!;
    expect([rebar.getCell(2).value, rebar.getCell(3).value, rebar.getCell(4).value]).toEqual([
      'HRB400 钢筋',
      42.5,
      't',
    ]);
  });

  it('fills the crews from the gate’s attendance export, mapping a team once', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:get']({});
    const rebar = (await api['teams:list']({ projectId: project.id })).find(
      (t) => t.code === 'rebar',
    )!;
    await page.getByTestId('nav-crews').click();
    await page.getByTestId('attendance-open').click();
    await page.getByTestId('attendance-file').setInputFiles('resources/samples/attendance.xlsx');
    await expect
      .poll(() => page.getByTestId('attendance-summary').textContent())
      .toContain('2023-01-25 至 2023-01-27');
    // 钢筋加工班 is not a team's name here: the import waits for it to be mapped.
    expect(await page.getByTestId('attendance-commit').isDisabled()).toBe(true);
    await page.getByTestId('attendance-team-钢筋加工班').selectOption(rebar.id);
    await page.getByTestId('attendance-commit').click();
    await expect
      .poll(() => page.getByTestId('attendance-done').textContent())
      .toContain('3 天 48 条班组记录');
    const preview = await api['attendance:preview']({
      projectId: project.id,
      fileName: 'attendance.xlsx',
      dataBase64: (await import('node:fs'))
        .readFileSync('resources/samples/attendance.xlsx')
        .toString('base64'),
    });
    // Every count from the gate is now what is recorded.
    expect(preview.alreadyImported).not.toBeNull();
    expect(preview.days.every((d) => d.recorded === d.headcount)).toBe(true);
    await page.getByTestId('attendance-close').click();
    const grid = page.getByTestId('crew-grid');
    const day = preview.days.find((d) => d.team === '钢筋加工班' && d.siteDay === '2023-01-27')!;
    await expect.poll(() => grid.textContent()).toContain(String(day.headcount));
  });
});
