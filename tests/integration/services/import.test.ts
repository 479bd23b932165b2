import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { openAppContext } from '../../../main/app/app-context';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';
import { makeZip } from '../../helpers/zip';

const SAMPLE_XLSX = 'resources/samples/panel-register.xlsx';
const SAMPLE_CSV = 'resources/samples/panel-register.csv';
const b64 = (file: string) => fs.readFileSync(file).toString('base64');

async function xlsxWith(rows: (string | number | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('register');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('importing the panel register', () => {
  it('previews the sample against the demo: three revised cage weights, nothing else', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    const preview = await app.api['import:preview']({
      projectId: ids.projectId,
      fileName: 'panel-register.xlsx',
      dataBase64: b64(SAMPLE_XLSX),
    });
    expect(preview.issues).toEqual([]);
    expect(preview.counts).toEqual({ create: 0, update: 3, unchanged: 57 });
    expect(preview.rows.filter((r) => r.action === 'update').map((r) => r.code)).toEqual([
      'A1',
      'A2',
      'A3',
    ]);
    expect(await dbChecksum(app.db)).toBe(before);

    await app.api['import:commit']({
      projectId: ids.projectId,
      fileName: 'panel-register.xlsx',
      dataBase64: b64(SAMPLE_XLSX),
    });
    const a1 = (await app.api['panels:list']({ projectId: ids.projectId })).find(
      (p) => p.code === 'A1',
    )!;
    expect(a1.cageWeightT).toBeCloseTo(ids.panel('A1').cageWeightT! + 2.5, 6);
    expect(a1.id).toBe(ids.panel('A1').id);
    expect(
      await app.db('outbox').where({ tbl: 'panels', row_id: a1.id, col: 'cage_weight_t' }),
    ).toHaveLength(1);
    // Importing again changes nothing and duplicates nothing.
    const again = await app.api['import:commit']({
      projectId: ids.projectId,
      fileName: 'panel-register.xlsx',
      dataBase64: b64(SAMPLE_XLSX),
    });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 60 });
    expect(await app.db('panels').count({ n: '*' })).toEqual([{ n: 60 }]);
  });

  it('reads the same register from XLSX, UTF-8 CSV and GB18030 CSV', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const previews = await Promise.all(
      [
        ['r.xlsx', SAMPLE_XLSX],
        ['r.csv', SAMPLE_CSV],
        ['r.csv', 'tests/fixtures/panel-register-gb18030.csv'],
      ].map(([fileName, file]) =>
        app.api['import:preview']({
          projectId: ids.projectId,
          fileName: fileName!,
          dataBase64: b64(file!),
        }),
      ),
    );
    for (const p of previews) {
      expect(p.issues).toEqual([]);
      expect(p.counts).toEqual({ create: 0, update: 3, unchanged: 57 });
    }
  });

  it('creates the panels of a new structure from the register, with their sequence', async () => {
    const app = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
    try {
      const ids = await demoIds(app);
      // An empty structure with the same code: retire the demo's panels (tombstones, as sync would).
      await app.store.write(async (w) => {
        for (const p of ids.panels) await w.tombstone('panels', p.id);
      });
      const result = await app.api['import:commit']({
        projectId: ids.projectId,
        fileName: 'r.csv',
        dataBase64: b64(SAMPLE_CSV),
      });
      expect(result.counts).toEqual({ create: 60, update: 0, unchanged: 0 });
      const panels = await app.api['panels:list']({ projectId: ids.projectId });
      expect(panels.map((p) => p.code).slice(0, 4)).toEqual(['A1', 'B1', 'A2', 'B2']);
      expect(panels.every((p) => p.status === 'not_started')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('commits nothing when any row is wrong, and says where', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const data = await xlsxWith([
      ['幅段号', '结构', '类型', '长度', '厚度', '设计槽深', '墙顶标高'],
      ['A1', 'HM-SHAFT', 'Ⅰ期', 9.9, 1.2, 60, 3.5],
      ['Z9', 'NO-SUCH', 'Ⅰ期', 3.6, 1.2, 60, 3.5],
      ['A2', 'HM-SHAFT', 'Ⅰ期', 3.6, 1.2, -4, 3.5],
    ]);
    const input = { projectId: ids.projectId, fileName: 'bad.xlsx', dataBase64: data };
    const preview = await app.api['import:preview'](input);
    expect(preview.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'structure'],
      [4, 'designDepthM'],
    ]);
    const before = await dbChecksum(app.db);
    const error = await expectAppError(app.api['import:commit'](input), 'import.has_errors');
    expect(error.details.count).toBe(2);
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('refuses files it cannot read with a clear error', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const garbage = Buffer.from('PK\u0003\u0004 definitely not a zip').toString('base64');
    await expectAppError(
      app.api['import:preview']({
        projectId: ids.projectId,
        fileName: 'x.xlsx',
        dataBase64: garbage,
      }),
      'import.unreadable',
    );
    await expectAppError(
      app.api['import:preview']({
        projectId: ids.projectId,
        fileName: 'x.pdf',
        dataBase64: garbage,
      }),
      'import.unreadable',
    );
  });

  it('refuses a compressed bomb, a sheet that lies about its size, and too many rows, on a worker', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const before = await dbChecksum(app.db);
    const sheet = (body: string) => `<worksheet><sheetData>${body}</sheetData></worksheet>`;
    const book = (entry: { text: string; declaredSize?: number }) =>
      makeZip([
        {
          name: 'xl/workbook.xml',
          text: '<workbook><sheets><sheet r:id="r1"/></sheets></workbook>',
        },
        { name: 'xl/worksheets/sheet1.xml', ...entry },
      ]).toString('base64');
    const cases: [string, string][] = [
      // The directory says 400 MB: refused before anything is inflated.
      [book({ text: sheet(''), declaredSize: 400 * 1024 * 1024 }), 'unpacks to more than 300 MB'],
      // It says 1 kB and inflates to 20 MB: stopped at the first kilobyte past its word.
      [
        book({ text: sheet(`<row>${'<c/>'.repeat(5_000_000)}</row>`), declaredSize: 1024 }),
        'unpacks to more than it declares',
      ],
      [await xlsxWith(Array.from({ length: 20_001 }, (_, i) => [`P${i}`])), 'more than 20000 rows'],
    ];
    for (const [dataBase64, reason] of cases) {
      const error = await expectAppError(
        app.api['import:preview']({
          projectId: ids.projectId,
          fileName: 'register.xlsx',
          dataBase64,
        }),
        'import.unreadable',
      );
      expect(String(error.details.reason)).toContain(reason);
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });
});

describe('haitai import panels', () => {
  it('previews with --dry-run, then imports; bad files exit non-zero and write nothing', async () => {
    const dataDir = tempDir();
    expect(
      await runCli(['demo', '--data-dir', dataDir], captureCli({ LANG: 'en_US.UTF-8' }).io),
    ).toBe(0);
    const dry = captureCli({ LANG: 'en_US.UTF-8' });
    expect(
      await runCli(['import', 'panels', SAMPLE_XLSX, '--data-dir', dataDir, '--dry-run'], dry.io),
    ).toBe(0);
    expect(dry.out.join('\n')).toMatch(/0 new .* 3 changed .* 57 unchanged/);
    expect(dry.out.join('\n')).toContain('Dry run');
    const real = captureCli({ LANG: 'en_US.UTF-8' });
    expect(await runCli(['import', 'panels', SAMPLE_CSV, '--data-dir', dataDir], real.io)).toBe(0);
    expect(real.out.at(-1)).toBe('Imported: 0 created, 3 updated, 57 unchanged.');

    const badFile = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(badFile, '幅段号,类型,长度,厚度,设计槽深,墙顶标高\nA1,Ⅰ期,-3,1.2,60,3.5\n');
    const bad = captureCli({ LANG: 'en_US.UTF-8' });
    expect(await runCli(['import', 'panels', badFile, '--data-dir', dataDir], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toContain('row 2, column lengthM');
    expect(bad.err.join('\n')).toMatch(/1 error\(s\); nothing was imported/);
    const missing = captureCli({ LANG: 'en_US.UTF-8' });
    expect(
      await runCli(['import', 'panels', '/no/such/file.xlsx', '--data-dir', dataDir], missing.io),
    ).toBe(1);
    expect(missing.err.join('\n')).toMatch(/Cannot read the file .*ENOENT/);
  });
});
