import { describe, expect, it } from 'vitest';
import {
  countAttendance,
  mappingProblem,
  parsePunchTime,
  recogniseHeaders,
  shiftOf,
} from '../../../main/domain/attendance';
import { zipProblem } from '../../../main/domain/zip-bounds';
import { punchRows } from '../../../scripts/make-sample-attendance';

const SHIFTS = { dayStart: '07:00', nightStart: '19:00' };
const at = (text: string) => {
  const t = parsePunchTime(text)!;
  return shiftOf(t.day, t.minutes, SHIFTS);
};

describe('attendance rules', () => {
  it('puts a punch in the shift whose window holds it, windows opening an hour early', () => {
    expect(at('2023-01-26 06:50')).toEqual({ siteDay: '2023-01-26', shift: 'day' });
    expect(at('2023-01-26 05:59')).toEqual({ siteDay: '2023-01-25', shift: 'night' });
    expect(at('2023-01-26 17:59')).toEqual({ siteDay: '2023-01-26', shift: 'day' });
    expect(at('2023-01-26 18:55')).toEqual({ siteDay: '2023-01-26', shift: 'night' });
    expect(at('2023-01-27 01:30')).toEqual({ siteDay: '2023-01-26', shift: 'night' });
    // A project whose shifts start at 08:00 and 20:00.
    const late = parsePunchTime('2023-01-26 06:50')!;
    expect(shiftOf(late.day, late.minutes, { dayStart: '08:00', nightStart: '20:00' })).toEqual({
      siteDay: '2023-01-25',
      shift: 'night',
    });
  });

  it('reads the time formats gate systems write, and refuses the rest', () => {
    for (const text of ['2023-01-26 06:50', '2023/1/26 6:50:12', '2023年1月26日 06:50'])
      expect(parsePunchTime(text)).toEqual({ day: '2023-01-26', minutes: 410 });
    expect(parsePunchTime('06:50', '2023-01-26')).toEqual({ day: '2023-01-26', minutes: 410 });
    for (const text of ['2023-02-30 06:50', '2023-01-26 24:10', '26/01/2023 06:50', ''])
      expect(parsePunchTime(text)).toBeNull();
  });

  it('recognises Chinese and English headers, and says what a mapping lacks', () => {
    expect(
      recogniseHeaders(['序号', '姓名', '证件号码', '班组名称', '工种', '打卡时间', '方向']),
    ).toEqual({
      name: 1,
      id: 2,
      team: 3,
      trade: 4,
      time: 5,
      direction: 6,
    });
    expect(recogniseHeaders(['Name', 'Team', 'Time'])).toEqual({ name: 0, team: 1, time: 2 });
    expect(mappingProblem({ name: 0, team: 1 })).toContain('no time column');
    expect(mappingProblem({ time: 0, team: 1 })).toContain('no worker column');
  });

  it('counts a worker once a shift, and a night shift that crosses midnight once', () => {
    const rows = [
      ['A', 'T', '2023-01-26 18:50', '进'],
      ['A', 'T', '2023-01-26 23:10', '出'],
      ['A', 'T', '2023-01-26 23:40', '进'],
      ['A', 'T', '2023-01-27 07:05', '出'],
      ['B', 'T', '2023-01-27 07:10', '出'],
    ];
    const r = countAttendance(rows, { name: 0, team: 1, time: 2, direction: 3 }, SHIFTS, {
      firstRow: 2,
      today: '2023-01-27',
    });
    expect(r.counts).toEqual([{ siteDay: '2023-01-26', shift: 'night', team: 'T', headcount: 1 }]);
    expect(r.problems).toEqual([{ row: 6, reason: 'an "out" punch with no "in" before it' }]);
  });

  it('counts a worker who goes out to eat and comes back once', () => {
    const mapping = { name: 1, id: 2, team: 3, time: 5, direction: 6 };
    const count = (meals: number) => {
      const rows = punchRows({ from: '2023-01-10', days: 3, workers: 60, meals });
      const text = rows.map((r) => r.map(String));
      return countAttendance(text, mapping, SHIFTS, { firstRow: 1, today: '2023-01-27' });
    };
    const plain = count(0);
    const breaks = count(0.5);
    expect(breaks.rows).toBeGreaterThan(plain.rows * 1.3);
    expect(breaks.problems).toEqual([]);
    expect(breaks.counts).toEqual(plain.counts);
    // Every worker-shift of the file, counted once: the "in" punches of a file without breaks.
    const total = plain.counts.reduce((n, c) => n + c.headcount, 0);
    expect(total).toBe(plain.rows / 2);
  });

  it('reads a ZIP directory without inflating anything', () => {
    expect(zipProblem(new Uint8Array(30), { entries: 10, uncompressedBytes: 100 })).toContain(
      'not a ZIP',
    );
  });
});
