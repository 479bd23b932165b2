// A panel's construction record (槽段施工记录), read back: every stage with who recorded it and
// when, each measurement against its limit (an out-of-limit one in words and styled), the
// supervisor's rejection and signatures with names, times and the remark; from the app (XLSX) and
// from the command line (PDF), in Chinese and English. What a supervisor audits a panel by.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { runCli } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';
import { GOOD_MEASUREMENTS } from '../../helpers/measurements';
import { newShaft } from '../../helpers/new-shaft';
import { pdfText } from '../../helpers/pdf-text';
import { tempDir } from '../../helpers/temp-dir';

const DAY = '2026-11-20';

/** A1 taken to concreting: an out-of-limit verticality, the trench rejected then signed. */
async function recordedPanel(dataDir: string): Promise<{ app: AppContext; panelId: string }> {
  const app = await openAppContext({ dataDir, runtime: 'test', seedDemo: false });
  const { panels } = await newShaft(
    app,
    { code: 'RC', nameZh: '记录井', nameEn: 'Record shaft' },
    { signatures: ['trench', 'cage', 'pour'] },
  );
  const panel = panels[0];
  const panelId = panel!.id;
  const identity = app.store.identity;
  const own = { role: identity.role, userName: identity.userName };
  const record = (stage: keyof typeof GOOD_MEASUREMENTS, measurements = GOOD_MEASUREMENTS[stage]) =>
    app.api['stages:record']({ panelId, stage, siteDay: DAY, shift: 'day', measurements });
  const asSupervisor = async (fn: () => Promise<unknown>) => {
    Object.assign(identity, { role: 'supervisor', userName: '李监理' });
    await fn();
    Object.assign(identity, own);
  };
  const decide = (
    point: 'trench' | 'cage' | 'pour',
    decision: 'signed' | 'rejected',
    remark?: string,
  ) =>
    asSupervisor(() =>
      app.api['acceptances:decide']({ panelId, point, decision, remark: remark ?? null }),
    );
  await record('guide_wall');
  await record('excavation', { depthM: 40.2, rig: 'BC40-1' });
  await record('trench_acceptance', {
    ...GOOD_MEASUREMENTS.trench_acceptance,
    verticalityXPct: 0.5,
  });
  await decide('trench', 'rejected', 'X 向垂直度 0.5 %，超过 1/300');
  await decide('trench', 'signed');
  // The slurry fails, is treated and passes its re-test; the trench's sediment is corrected.
  const desanding = await record('desanding', {
    slurryDensity: 1.32,
    slurryViscosityS: 30,
    slurrySandPct: 4,
  });
  const retest = (kind: 'slurry' | 'concrete', values: Record<string, number>) =>
    app.api['inspections:record']({ panelId, kind, siteDay: DAY, shift: 'day', values });
  await retest('slurry', { slurryDensity: 1.2, slurryViscosityS: 29, slurrySandPct: 3 });
  await app.api['records:correct']({
    recordTable: 'panel_stage_events',
    recordId: desanding.id,
    action: 'corrected',
    values: { slurryDensity: 1.31, slurryViscosityS: 30, slurrySandPct: 4 },
    reason: '比重计读数复核',
  });
  await record('cage_lowered');
  await retest('concrete', { slumpMm: 240, cubeSets: 2 });
  await retest('concrete', { slumpMm: 200, cubeSets: 2 });
  await decide('cage', 'signed');
  await decide('pour', 'signed');
  await record('concreting', { concreteVolumeM3: 250 });
  return { app, panelId };
}

describe('the panel construction record', () => {
  it('holds every stage, measurement, decision and signature, in XLSX from the app', async () => {
    const { app, panelId } = await recordedPanel(tempDir());
    const file = await app.api['record:export']({ panelId, lang: 'zh-CN', format: 'xlsx' });
    expect(file.fileName).toBe('槽段施工记录-RC-S-A1-zh-CN.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const rows: ExcelJS.Row[] = [];
    workbook.worksheets[0]!.eachRow((r) => rows.push(r));
    const values = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    expect(String(rows[0]!.getCell(1).value)).toBe('槽段施工记录 · A1 · 记录井');
    const from = (title: string) => rows.findIndex((r) => r.getCell(1).value === title);

    // Six stages, each by this laptop's user, with the time on the site's clock.
    const recorder = (await app.api['app:info']({})).user.name;
    const stages = rows.slice(from('施工工序') + 2, from('施工工序') + 8);
    expect(stages.map((r) => r.getCell(1).value)).toEqual([
      '导墙',
      '成槽',
      '槽段验收',
      '刷壁清底',
      '钢筋笼下放',
      '混凝土浇筑',
    ]);
    for (const r of stages) {
      expect(r.getCell(5).value).toBe(recorder);
      expect(String(r.getCell(6).value)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    }
    expect(stages[1]!.getCell(7).value).toBe('成槽设备: BC40-1');

    // The verticality past 1/300 in words and styled; the others pass.
    const checks = rows.slice(from('质量检查') + 2, from('监理验收') - 0);
    const vertical = checks.find((r) => r.getCell(2).value === 'X 向垂直度 (%)')!;
    expect(values(vertical)).toEqual(['槽段验收', 'X 向垂直度 (%)', 0.5, '≤ 0.33', '超限']);
    expect(vertical.getCell(5).font?.color?.argb).toBe('FFB42318');
    const concrete = checks.find((r) => r.getCell(1).value === '混凝土浇筑')!;
    expect(values(concrete)).toEqual(['混凝土浇筑', '实灌方量 (m³)', 250, '168–312', '合格']);

    // The rejection, then the signatures, each with the supervisor's name and the remark.
    const decisions = rows
      .slice(from('监理验收') + 2)
      .filter((r) => r.getCell(4).value === '李监理');
    expect(
      decisions.map((r) => [
        r.getCell(1).value,
        r.getCell(2).value,
        r.getCell(3).value,
        r.getCell(6).value,
      ]),
    ).toEqual([
      ['成槽验收', 1, '已驳回', 'X 向垂直度 0.5 %，超过 1/300'],
      ['成槽验收', 2, '已签认', null],
      ['钢筋笼隐蔽工程验收', 1, '已签认', null],
      ['开盘令', 1, '已签认', null],
    ]);
    expect(decisions[0]!.getCell(3).font?.color?.argb).toBe('FFB42318');

    // Every attempt of every test: the failed slurry and slump kept, in words and styled.
    const tests = rows.slice(from('检测记录') + 2, from('监理验收'));
    expect(tests.map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(6).value])).toEqual([
      ['成槽检验', 1, '不合格: X 向垂直度 (%) 0.5（限值 ≤ 0.33）'],
      ['泥浆检测', 1, '不合格: 泥浆比重 (g/cm³) 1.31（限值 1.15–1.25）'],
      ['泥浆检测', 2, '合格'],
      ['坍落度与试块', 1, '不合格: 坍落度 (mm) 240（限值 180–220）'],
      ['坍落度与试块', 2, '合格'],
    ]);
    expect(tests[1]!.getCell(6).font?.color?.argb).toBe('FFB42318');
    expect(tests[4]!.getCell(5).value).toBe('坍落度 (mm) 200, 试块组数 2');
    for (const r of tests) expect(r.getCell(7).value).toBe(recorder);

    // The correction: the record, its version, who and when, old → new, and why.
    const [correction] = rows.slice(from('更正记录') + 2, from('更正记录') + 3);
    expect([
      correction!.getCell(1).value,
      correction!.getCell(2).value,
      correction!.getCell(4).value,
      correction!.getCell(5).value,
      correction!.getCell(6).value,
    ]).toEqual(['刷壁清底', 2, recorder, '泥浆比重 (g/cm³) 1.32 → 1.31', '比重计读数复核']);
    expect(String(correction!.getCell(3).value)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    await app.close();
  });

  it('is exported from the command line by panel code, in English as PDF; a wrong code is refused', async () => {
    const dataDir = tempDir();
    const { app } = await recordedPanel(dataDir);
    await app.close();
    const out = path.join(tempDir(), 'A1.pdf');
    const cli = captureCli({ LANG: 'en_US.UTF-8' });
    expect(
      await runCli(
        [
          'record',
          '--data-dir',
          dataDir,
          '--panel',
          'a1',
          '--format',
          'pdf',
          '--lang',
          'en',
          '--out',
          out,
        ],
        cli.io,
      ),
    ).toBe(0);
    expect(cli.out.join('\n')).toContain(out);
    const text = (await pdfText(fs.readFileSync(out))).text.replace(/\s+/g, '');
    for (const words of [
      'Panelconstructionrecord',
      'Trenchacceptance',
      'OUTOFLIMIT',
      'rejected',
      '李监理',
      // (The PDF's text comes back NFKC-folded: the full-width comma as a comma.)
      'X向垂直度0.5%,超过1/300',
      'Slurrytest',
      // (m³ comes back as m3 from the PDF's text.)
      'FAILED:Slurrydensity(g/cm3)1.31(limit1.15',
      'Slurrytest22026-11-20',
      'Corrections',
      '比重计读数复核',
      '现场工程师',
      'Supervisingengineer(signature)',
    ])
      expect(text).toContain(words);
    const bad = captureCli({ LANG: 'en_US.UTF-8' });
    const missing = path.join(tempDir(), 'none.pdf');
    expect(
      await runCli(
        ['record', '--data-dir', dataDir, '--panel', 'Z99', '--format', 'xlsx', '--out', missing],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.err.join('\n')).toContain('Z99');
    expect(fs.existsSync(missing)).toBe(false);
  });
});
