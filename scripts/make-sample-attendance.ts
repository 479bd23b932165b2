// Writes resources/samples/attendance.xlsx: a real-name attendance export (实名制考勤) for the
// demo's last three days, the way gate systems export it: a title row, Chinese headers, one row per
// punch with a masked ID number, the team, the trade, the time and 进/出. One team is named as the
// gate system names it (钢筋加工班), so the import asks to map it once. The names are made up.
// `npx tsx scripts/make-sample-attendance.ts`; the bench uses `punchRows` for its large file.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { seededRandom } from '../main/domain/random';

export const ATTENDANCE_HEADERS = [
  '序号',
  '姓名',
  '身份证号',
  '班组名称',
  '工种',
  '刷卡时间',
  '进出方向',
];

/** The demo's teams as a gate system names them, with the trade of their workers. */
const TEAMS: [string, string, number][] = [
  ['成槽班', '成槽机操作工', 0.18],
  ['钢筋加工班', '钢筋工', 0.2],
  ['混凝土班', '混凝土工', 0.14],
  ['泥浆班', '泥浆工', 0.1],
  ['吊装班', '起重工', 0.1],
  ['电工班', '电工', 0.05],
  ['测量班', '测量工', 0.05],
  ['普工班', '普工', 0.18],
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌海波峰辉宁';

const stamp = (day: string, minutes: number) => {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
};

/**
 * One row per punch: `workers` people on two shifts (60 % day), each day from `from` for `days`
 * days, an "in" a little before the shift and an "out" a little after it; on about a quarter of
 * the shifts the worker also goes out to eat and comes back (an "out" and an "in" mid-shift),
 * which must not count them twice.
 */
export function punchRows(options: {
  from: string;
  days: number;
  workers: number;
  seed?: number;
  /** The share of shifts with a meal break out of the gate. */
  meals?: number;
}) {
  const random = seededRandom(options.seed ?? 20230125);
  const people = Array.from({ length: options.workers }, (_, i) => {
    let pick = random();
    const team = TEAMS.find(([, , share]) => (pick -= share) < 0) ?? TEAMS[TEAMS.length - 1]!;
    const name =
      SURNAMES[Math.floor(random() * SURNAMES.length)]! +
      GIVEN[Math.floor(random() * GIVEN.length)]! +
      (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)]! : '');
    return {
      name,
      id: `3206${String(Math.floor(random() * 100)).padStart(2, '0')}**********${String(i).padStart(4, '0')}`,
      team: team[0],
      trade: team[1],
      night: random() < 0.4,
    };
  });
  // Meal breaks draw from their own sequence, so the shifts are the same with or without them.
  const meals = seededRandom((options.seed ?? 20230125) + 1);
  const rows: (string | number)[][] = [];
  for (let d = 0; d < options.days; d++) {
    const day = new Date(Date.parse(`${options.from}T00:00:00Z`) + d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    for (const p of people) {
      if (random() < 0.06) continue; // a day off
      const start = (p.night ? 19 * 60 : 7 * 60) - 5 - Math.floor(random() * 40);
      const end = start + 12 * 60 + 10 + Math.floor(random() * 30);
      rows.push([0, p.name, p.id, p.team, p.trade, stamp(day, start), '进']);
      rows.push([0, p.name, p.id, p.team, p.trade, stamp(day, end), '出']);
      if (meals() < (options.meals ?? 0.28)) {
        const out = start + 5 * 60 + Math.floor(meals() * 60);
        rows.push([0, p.name, p.id, p.team, p.trade, stamp(day, out), '出']);
        rows.push([0, p.name, p.id, p.team, p.trade, stamp(day, out + 40), '进']);
      }
    }
  }
  rows.sort((a, b) => String(a[5]).localeCompare(String(b[5])));
  rows.forEach((r, i) => (r[0] = i + 1));
  return rows;
}

export async function attendanceWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haitai Progress';
  const sheet = workbook.addWorksheet('刷卡记录');
  sheet.addRow(['海门工作井 实名制考勤刷卡记录（示例）']);
  sheet.addRow(ATTENDANCE_HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `--out FILE --from DAY --days N --workers N` make a larger export (the bench's). */
async function main() {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : fallback;
  };
  const out = arg('out', path.join('resources', 'samples', 'attendance.xlsx'));
  const rows = punchRows({
    from: arg('from', '2023-01-25'),
    days: Number(arg('days', '3')),
    workers: Number(arg('workers', '400')),
  });
  fs.writeFileSync(out, await attendanceWorkbook(rows));
  console.log(`Wrote ${out}: ${rows.length} punches`);
}

if (process.argv[1]?.endsWith('make-sample-attendance.ts')) void main();
