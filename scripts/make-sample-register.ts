// Writes the sample panel registers in resources/samples from the demo scenario, the way a site
// office keeps them: Chinese headers, Ⅰ期/Ⅱ期/闭合幅, one row per panel. A1–A3 carry revised cage
// weights, so importing the sample into the demo shows three updates.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { theoreticalVolume } from '../main/domain/panel';
import { demoScenario, panelTypeAt } from '../main/features/demo/demo-seed';

const HEADERS = [
  '序号',
  '幅段号',
  '结构',
  '类型',
  '长度(m)',
  '厚度(m)',
  '设计槽深(m)',
  '墙顶标高(m)',
  '墙底标高(m)',
  '钢筋笼重(t)',
  '接头形式',
];
const TYPE_LABEL = { primary: 'Ⅰ期', secondary: 'Ⅱ期', closing: '闭合幅' } as const;
const REVISED = new Set(['A1', 'A2', 'A3']);

export function sampleRows(): (string | number)[][] {
  const { wall, structure } = demoScenario;
  const counters = { primary: 0, secondary: 0, closing: 0 };
  const prefix = { primary: 'A', secondary: 'B', closing: 'C' };
  const rows: (string | number)[][] = [];
  for (let seq = 1; seq <= wall.panelCount; seq++) {
    const type = panelTypeAt(seq, wall.closingEvery);
    counters[type] += 1;
    const code = `${prefix[type]}${counters[type]}`;
    const volume = theoreticalVolume({
      lengthM: wall.lengthM[type],
      thicknessM: wall.thicknessM,
      designDepthM: wall.designDepthM,
    });
    const cage =
      Math.round(volume * wall.cageWeightPerM3T * 10) / 10 + (REVISED.has(code) ? 2.5 : 0);
    rows.push([
      seq,
      code,
      structure.code,
      TYPE_LABEL[type],
      wall.lengthM[type],
      wall.thicknessM,
      wall.designDepthM,
      wall.topLevelM,
      Math.round((wall.topLevelM - wall.designDepthM) * 100) / 100,
      Math.round(cage * 10) / 10,
      '工字型钢',
    ]);
  }
  return rows;
}

async function main() {
  const out = path.join('resources', 'samples');
  fs.mkdirSync(out, { recursive: true });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haitai Progress';
  const sheet = workbook.addWorksheet('槽段台账');
  sheet.addRow(['海门工作井 地下连续墙槽段台账（示例）']);
  sheet.addRow(HEADERS);
  for (const row of sampleRows()) sheet.addRow(row);
  sheet.getRow(2).font = { bold: true };
  await workbook.xlsx.writeFile(path.join(out, 'panel-register.xlsx'));
  const csv = [HEADERS, ...sampleRows()].map((r) => r.join(',')).join('\r\n') + '\r\n';
  fs.writeFileSync(path.join(out, 'panel-register.csv'), '\ufeff' + csv, 'utf8');
  console.log(`Wrote ${out}/panel-register.xlsx and .csv`);
}

if (process.argv[1]?.endsWith('make-sample-register.ts')) void main();
