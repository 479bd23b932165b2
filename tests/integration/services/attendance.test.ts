// Headcounts from a gate attendance export, through the API as the import dialog calls it, with
// every count worked out by hand (shifts 07:00 and 19:00, windows opening an hour early):
//   张三 in 06:50 on the 26th                → the 26th, day shift, 成槽班
//   周八 in 07:20 and again 12:30             → the 26th, day shift, 成槽班 (once)
//   李四 in 18:55 on the 26th                → the 26th, night shift, 成槽班
//   王五 in 01:30 on the 27th                → the 26th, night shift, 钢筋加工班 (→ rebar)
// and the odd rows listed, not guessed: an "out" with no "in" (row 8), a worker in two teams on
// one day (rows 9, 10), a repeated punch (row 11), an unreadable time (row 14).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app/app-context';
import { attendanceFilesParsed } from '../../../main/features/attendance/attendance-service';
import { dbChecksum } from '../../helpers/db-checksum';
import { expectAppError } from '../../helpers/expect-app-error';
import { tempDir } from '../../helpers/temp-dir';

const FIXTURE = 'tests/fixtures/attendance-gb18030.csv';
const file = (name: string, data: Buffer) => ({
  fileName: name,
  dataBase64: data.toString('base64'),
});

async function demo(): Promise<{ app: AppContext; projectId: string; dataDir: string }> {
  const dataDir = tempDir();
  const app = await openAppContext({
    dataDir,
    runtime: 'test',
    seedDemo: true,
    now: () => new Date('2023-01-27T10:00:00Z'),
  });
  return { app, projectId: (await app.api['project:get']({})).id, dataDir };
}

const HAND = [
  ['2023-01-26', 'day', '成槽班', 2],
  ['2023-01-26', 'night', '成槽班', 1],
  ['2023-01-26', 'night', '钢筋加工班', 1],
];

describe('attendance import', () => {
  it('counts a GB18030 CSV by hand, lists the odd rows, and maps teams', async () => {
    const { app, projectId } = await demo();
    const before = await dbChecksum(app.db);
    const preview = await app.api['attendance:preview']({
      projectId,
      ...file('gate.csv', fs.readFileSync(FIXTURE)),
    });
    expect(await dbChecksum(app.db)).toBe(before);
    expect(preview).toMatchObject({
      encoding: 'gb18030',
      mappingProblem: null,
      from: '2023-01-26',
    });
    expect(preview.days.map((d) => [d.siteDay, d.shift, d.team, d.headcount])).toEqual(HAND);
    expect(preview.problems.map((p) => p.row)).toEqual([8, 9, 10, 11, 14]);
    expect(preview.problems.find((p) => p.row === 14)!.reason).toContain('unreadable time');
    // 成槽班 is a team of the project by name; 钢筋加工班 must be mapped.
    const teams = await app.api['teams:list']({ projectId });
    const code = (id: string | null) => teams.find((t) => t.id === id)?.code ?? null;
    expect(preview.teams.map((t) => [t.name, code(t.teamId)])).toEqual([
      ['成槽班', 'trench'],
      ['钢筋加工班', null],
    ]);
    // What is recorded now sits beside the file's count.
    const recorded = await app.api['crews:day']({ projectId, siteDay: '2023-01-26' });
    const trench = teams.find((t) => t.code === 'trench')!;
    expect(preview.days[0]!.recorded).toBe(
      recorded.records.find((r) => r.teamId === trench.id && r.shift === 'day')!.headcount,
    );
  });

  it('commits all or nothing through the crew records, remembers the mapping, and never twice', async () => {
    const { app, projectId, dataDir } = await demo();
    const teams = await app.api['teams:list']({ projectId });
    const rebar = teams.find((t) => t.code === 'rebar')!;
    const trench = teams.find((t) => t.code === 'trench')!;
    const data = fs.readFileSync(FIXTURE);
    const before = await dbChecksum(app.db);
    await expectAppError(
      app.api['attendance:commit']({ projectId, ...file('gate.csv', data), teams: [] }),
      'input.invalid',
    );
    expect(await dbChecksum(app.db)).toBe(before);

    const done = await app.api['attendance:commit']({
      projectId,
      ...file('gate.csv', data),
      teams: [{ name: '钢筋加工班', teamId: rebar.id }],
    });
    expect(done).toEqual({ records: 3, days: 1, alreadyImported: false });
    const day = await app.api['crews:day']({ projectId, siteDay: '2023-01-26' });
    const headcount = (teamId: string, shift: string) =>
      day.records.find((r) => r.teamId === teamId && r.shift === shift)!.headcount;
    expect([
      headcount(trench.id, 'day'),
      headcount(trench.id, 'night'),
      headcount(rebar.id, 'night'),
    ]).toEqual([2, 1, 1]);
    const sources = await app
      .db('crew_shifts')
      .where({ site_day: '2023-01-26' })
      .whereNotNull('source')
      .pluck('source');
    expect(sources).toEqual(Array(3).fill('attendance: gate.csv'));
    // One record per day, shift and team: the import updated the typed ones, it did not add.
    expect(day.records.filter((r) => r.teamId === trench.id && r.shift === 'day')).toHaveLength(1);

    // The same file again changes nothing; another file with 钢筋加工班 maps it as before.
    const after = await dbChecksum(app.db);
    const again = await app.api['attendance:commit']({
      projectId,
      ...file('gate.csv', data),
      teams: [],
    });
    expect(again).toEqual({ records: 0, days: 0, alreadyImported: true });
    expect(await dbChecksum(app.db)).toBe(after);
    const other = Buffer.concat([data, Buffer.from('\r\n')]);
    const preview = await app.api['attendance:preview']({ projectId, ...file('gate2.csv', other) });
    expect(preview.teams.find((t) => t.name === '钢筋加工班')!.teamId).toBe(rebar.id);
    expect(preview.alreadyImported).toBeNull();

    // Names and ID numbers were used to count and are stored nowhere.
    await app.close();
    const bytes = fs
      .readdirSync(dataDir)
      .filter((f) => f.includes('sqlite'))
      .map((f) => fs.readFileSync(`${dataDir}/${f}`).toString('utf8'))
      .join('');
    for (const secret of ['张三', '王五', '320684', '**********33'])
      expect(bytes).not.toContain(secret);
  });

  it('commits what its preview read, without reading the file again; another file is read', async () => {
    const { app, projectId } = await demo();
    const rebar = (await app.api['teams:list']({ projectId })).find((t) => t.code === 'rebar')!;
    const data = fs.readFileSync(FIXTURE);
    const parsed = () => attendanceFilesParsed(app.store);
    await app.api['attendance:preview']({ projectId, ...file('gate.csv', data) });
    expect(parsed()).toBe(1);
    // Another file (one byte more) is read: a reading is known by the file's fingerprint.
    const other = Buffer.concat([data, Buffer.from('\r\n')]);
    await app.api['attendance:preview']({ projectId, ...file('gate2.csv', other) });
    expect(parsed()).toBe(2);
    const done = await app.api['attendance:commit']({
      projectId,
      ...file('gate.csv', data),
      teams: [{ name: '钢筋加工班', teamId: rebar.id }],
    });
    expect(done).toEqual({ records: 3, days: 1, alreadyImported: false });
    expect(parsed()).toBe(2);
    const day = await app.api['crews:day']({ projectId, siteDay: '2023-01-26' });
    expect(day.records.find((r) => r.teamId === rebar.id && r.shift === 'night')!.headcount).toBe(
      1,
    );
  });

  it('reads the same punches from an XLSX with a title row and date cells', async () => {
    const { app, projectId } = await demo();
    const csv = new TextDecoder('gb18030').decode(fs.readFileSync(FIXTURE)).trim().split('\r\n');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('考勤');
    sheet.addRow(['海门工作井 实名制考勤记录']);
    for (const [i, line] of csv.entries()) {
      const cells: (string | Date)[] = line.split(',');
      // Real date cells where the time reads as one (the export's native form).
      const m = i > 0 ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(String(cells[4])) : null;
      if (m) cells[4] = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
      sheet.addRow(cells);
    }
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await app.api['attendance:preview']({ projectId, ...file('gate.xlsx', xlsx) });
    expect(preview.days.map((d) => [d.siteDay, d.shift, d.team, d.headcount])).toEqual(HAND);
    // Rows are numbered as in the file: the title row pushes each down by one.
    expect(preview.problems.map((p) => p.row)).toEqual([9, 10, 11, 12, 15]);
  });

  it('asks for columns it cannot recognise, and counts once they are mapped', async () => {
    const { app, projectId } = await demo();
    const csv = Buffer.from(
      'who,crew,when,way\r\n张三,成槽班,2023-01-26 06:50,in\r\n李四,成槽班,2023-01-26 18:55,IN\r\n',
    );
    const first = await app.api['attendance:preview']({ projectId, ...file('g.csv', csv) });
    expect(first.mappingProblem).toContain('no time column');
    expect(first.headers).toEqual(['who', 'crew', 'when', 'way']);
    expect(first.days).toEqual([]);
    const mapped = await app.api['attendance:preview']({
      projectId,
      ...file('g.csv', csv),
      mapping: { name: 0, team: 1, time: 2, direction: 3 },
    });
    expect(mapped.days.map((d) => [d.shift, d.headcount])).toEqual([
      ['day', 1],
      ['night', 1],
    ]);
  });

  it('refuses hostile files by their bounds, before parsing them', async () => {
    const { app, projectId } = await demo();
    const before = await dbChecksum(app.db);
    // An .xlsx that is no ZIP, one whose directory declares a 2 GB sheet, a 20,000-character line.
    const bomb = Buffer.alloc(22 + 46 + 8);
    bomb.writeUInt32LE(0x02014b50, 0); // central directory entry
    bomb.writeUInt32LE(2 ** 31, 24); // declared uncompressed size
    bomb.writeUInt16LE(8, 28); // name length
    bomb.write('xl/a.xml', 46);
    const end = 46 + 8;
    bomb.writeUInt32LE(0x06054b50, end);
    bomb.writeUInt16LE(1, end + 10);
    bomb.writeUInt32LE(0, end + 16);
    for (const [name, data, reason] of [
      ['a.xlsx', Buffer.from('not a zip'), 'not a ZIP archive'],
      ['b.xlsx', bomb, 'unpacks to more than'],
      ['c.csv', Buffer.from(`姓名,班组,刷卡时间\r\n${'x'.repeat(20_000)}\r\n`), 'longer than'],
    ] as const) {
      const error = await expectAppError(
        app.api['attendance:preview']({ projectId, ...file(name, data) }),
        'import.unreadable',
      );
      expect(String(error.details.reason)).toContain(reason);
    }
    await expectAppError(
      app.api['attendance:preview']({ projectId, ...file('gate.txt', Buffer.from('x')) }),
      'input.invalid',
    );
    expect(await dbChecksum(app.db)).toBe(before);
  });
});
