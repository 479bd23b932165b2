// The sheet's quality checks, read back from XLSX (cells and their style), CSV and PDF text: every
// measurement of the day against its limit, a failed slurry test marked in words beside its
// re-test; a shift nobody
// recorded says "not recorded"; a total over the crew plan says so in words.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { launchChromiumPdf, type ChromiumPdf } from '../../../main/app/chromium-pdf';
import { renderSheetsHtmlString } from '../../../main/export/html';
import { renderSheetsPdf } from '../../../main/export/pdf';
import { assembleDailySheet } from '../../../main/features/sheet/daily-sheet-service';
import { newShaft } from '../../helpers/new-shaft';
import { pdfText } from '../../helpers/pdf-text';
import { tempDir } from '../../helpers/temp-dir';

let chromium: ChromiumPdf;
beforeAll(async () => {
  chromium = await launchChromiumPdf();
});
afterAll(async () => chromium.close());

const DAY = '2026-11-20';

/** A new project (fill and sand: slurry 1.15–1.25 g/cm³), one panel taken to desanding on DAY. */
async function site(): Promise<{ app: AppContext; projectId: string }> {
  const app = await openAppContext({
    dataDir: tempDir(),
    runtime: 'test',
    seedDemo: false,
    now: () => new Date('2026-11-21T02:00:00Z'),
    pdfEngine: chromium.engine,
  });
  const { projectId, panels } = await newShaft(
    app,
    { code: 'QA', nameZh: '质检井', nameEn: 'QA shaft' },
    { crewPlan: { minWorkers: 10, maxWorkers: 20 } },
  );
  const panel = panels[0];
  const record = (stage: string, measurements: Record<string, number>, shift = 'day') =>
    app.api['stages:record']({
      panelId: panel!.id,
      stage: stage as never,
      siteDay: DAY,
      shift: shift as never,
      measurements,
    });
  await record('guide_wall', {});
  await record('excavation', { depthM: 40.2 });
  await record('trench_acceptance', {
    depthM: 40.3,
    widthM: 1.02,
    verticalityXPct: 0.2,
    verticalityYPct: 0.25,
    sedimentMm: 80,
  });
  // The slurry before the cage: too heavy.
  await record(
    'desanding',
    { slurryDensity: 1.32, slurryViscosityS: 28, slurrySandPct: 4 },
    'night',
  );
  // Treated and tested again: the re-test passes, and both are on the sheet.
  await app.api['inspections:record']({
    panelId: panel!.id,
    kind: 'slurry',
    siteDay: DAY,
    shift: 'night',
    values: { slurryDensity: 1.21, slurryViscosityS: 29, slurrySandPct: 3 },
  });
  // The day shift only, 30 workers against a plan of 10–20; nobody recorded the night shift.
  const [team] = await app.api['teams:list']({ projectId: projectId });
  await app.api['crews:set']({
    projectId: projectId,
    siteDay: DAY,
    shift: 'day',
    teamId: team!.id,
    headcount: 30,
    hours: 10,
  });
  return { app, projectId };
}

const exported = async (
  app: AppContext,
  projectId: string,
  format: 'pdf' | 'xlsx' | 'csv',
  lang: 'zh-CN' | 'en',
) =>
  Buffer.from(
    (await app.api['sheet:export']({ projectId, siteDay: DAY, format, lang })).dataBase64,
    'base64',
  );

describe('the sheet’s quality checks', () => {
  it('lists the day’s measurements against their limits, the failed test and the over-plan total in words, in every format', async () => {
    const { app, projectId } = await site();

    // XLSX: the rows, typed, the failed test's value and result styled.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exported(app, projectId, 'xlsx', 'en')) as unknown as ArrayBuffer,
    );
    const ws = workbook.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => rows.push(row));
    const text = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    const heading = rows.findIndex((r) => r.getCell(1).value === 'Quality checks');
    expect(heading).toBeGreaterThan(-1);
    const checks = rows.slice(heading + 2).filter((r) => r.getCell(1).value === 'A1');
    // Depth; depth, width, X, Y, sediment; density, viscosity, sand; and the re-test's three.
    expect(checks).toHaveLength(12);
    const retest = checks.filter((r) => r.getCell(2).value === 'Slurry test, attempt 2');
    expect(retest.map(text)[0]).toEqual([
      'A1',
      'Slurry test, attempt 2',
      'Night shift',
      expect.stringContaining('Slurry density'),
      1.21,
      '1.15–1.25',
      'pass',
    ]);
    expect(retest).toHaveLength(3);
    const density = checks.find((r) => String(r.getCell(4).value).startsWith('Slurry density'))!;
    expect(text(density)).toEqual([
      'A1',
      'Joint cleaning & desanding',
      'Night shift',
      expect.stringContaining('Slurry density'),
      1.32,
      '1.15–1.25',
      'OUT OF LIMIT',
    ]);
    expect(density.getCell(5).font?.color?.argb).toBe('FFB42318');
    expect(density.getCell(7).font?.color?.argb).toBe('FFB42318');
    const viscosity = checks.find((r) => r.getCell(4).value === 'Viscosity (s)')!;
    expect([viscosity.getCell(5).value, viscosity.getCell(7).value]).toEqual([28, 'pass']);
    expect(viscosity.getCell(7).font?.color).toBeUndefined();
    const depth = checks.find((r) => r.getCell(2).value === 'Excavation')!;
    expect([depth.getCell(5).value, depth.getCell(6).value, depth.getCell(7).value]).toEqual([
      40.2,
      null,
      'recorded',
    ]);

    // The crews: the night shift was not recorded; 30 is over the plan of 10–20.
    const crewHeading = rows.findIndex((r) => r.getCell(1).value === 'Headcount');
    const team = rows[crewHeading + 2]!;
    expect([team.getCell(2).value, team.getCell(3).value]).toEqual([30, 'not recorded']);
    const total = rows.slice(crewHeading).find((r) => r.getCell(1).value === 'Total')!;
    expect(text(total)).toEqual(['Total', 30, 'not recorded', 30, 'over plan']);
    expect(total.getCell(4).fill).toMatchObject({ fgColor: { argb: 'FFFDE7E7' } });

    // CSV, in Chinese: the same words.
    const csv = (await exported(app, projectId, 'csv', 'zh-CN')).toString('utf8');
    expect(csv).toContain('质量检查');
    expect(csv).toMatch(/A1,刷壁清底,夜班,泥浆比重[^,]*,1\.32,1\.15–1\.25,超限/);
    expect(csv).toMatch(/A1,泥浆检测第 2 次,夜班,泥浆比重[^,]*,1\.21,1\.15–1\.25,合格/);
    expect(csv).toContain('未记录');
    expect(csv).toMatch(/合计,30,未记录,30,超出计划/);

    // PDF, in both languages: words a black-and-white print keeps.
    const zh = (await pdfText(await exported(app, projectId, 'pdf', 'zh-CN'))).text;
    expect(zh).toContain('质量检查');
    expect(zh).toContain('超限');
    expect(zh).toContain('未记录');
    expect(zh).toContain('超出计划');
    // (Words wrapped in a narrow cell lose their space in the PDF's text.)
    const en = (await pdfText(await exported(app, projectId, 'pdf', 'en'))).text.replace(
      /\s+/g,
      '',
    );
    expect(en).toContain('Qualitychecks');
    expect(en).toContain('OUTOFLIMIT');
    expect(en).toContain('Slurrytest,attempt2');
    expect(en).toContain('notrecorded');
    expect(en).toContain('overplan');
    await app.close();
  });

  it('never leaves a section heading alone at the foot of a page', async () => {
    const { app, projectId } = await site();
    const sheet = await assembleDailySheet(app.db, projectId, DAY);
    // Forty days, each with one more team than the last, push every heading through every place
    // on the page; each day starts a new page.
    const days = Array.from({ length: 40 }, (_, n) => ({
      ...sheet,
      crews: {
        ...sheet.crews,
        teams: Array.from({ length: n + 1 }, (_, i) => ({
          code: `T${i}`,
          nameZh: `班组 ${i}`,
          nameEn: `Team ${i}`,
          day: i,
          night: 0,
          total: i,
        })),
      },
    }));
    const html = renderSheetsHtmlString(days, 'en');
    const headings = [...new Set([...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]!))].map(
      (h) => h.replace(/&amp;/g, '&').replace(/\s+/g, ''),
    );
    expect(headings).toContain('Qualitychecks');
    const pdf = await pdfText(await renderSheetsPdf(days, { lang: 'en', engine: chromium.engine }));
    expect(pdf.pages).toBeGreaterThan(40);
    const alone = pdf.pageTexts.flatMap((page, i) => {
      const body = page.replace(/\s+/g, '').replace(/Page\d+of\d+$/, '');
      const last = headings.find((h) => body.endsWith(h));
      return last ? [`page ${i + 1} ends with ${last}`] : [];
    });
    expect(alone).toEqual([]);
    await app.close();
  });
});
