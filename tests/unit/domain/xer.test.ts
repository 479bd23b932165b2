// P6 XER parsing on small files written for the test: GB18030 and Windows-1252 exports, fields
// in an unusual order, tables that must be skipped, a milestone with no baseline.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { activityKinds } from '../../../main/domain/schedule-import/model';
import { parseXer } from '../../../main/domain/schedule-import/xer';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(`tests/fixtures/${name}`));

describe('P6 XER', () => {
  it('reads a GB18030 export: activities and milestones with WBS path and dates', () => {
    const schedule = parseXer(fixture('schedule-gb18030.xer'));
    expect(schedule).toMatchObject({ format: 'xer', encoding: 'gb18030' });
    expect(schedule.projects).toEqual([{ code: 'HAITAI', name: 'HAITAI' }]);
    // Every TASK row is an activity, the level-of-effort one too (issue 28), each with its kind.
    expect(schedule.activities.map((a) => [a.code, a.kind, a.milestone, a.status])).toEqual([
      ['A1000', 'task', false, 'active'],
      ['M1000', 'finish_milestone', true, 'not_started'],
      ['M0010', 'start_milestone', true, 'complete'],
      ['L0001', 'level_of_effort', false, 'active'],
    ]);
    expect(activityKinds(schedule.activities)).toEqual([
      { kind: 'task', count: 1 },
      { kind: 'start_milestone', count: 1 },
      { kind: 'finish_milestone', count: 1 },
      { kind: 'level_of_effort', count: 1 },
    ]);
    const walls = schedule.activities.find((a) => a.code === 'M1000')!;
    expect(walls).toMatchObject({
      name: '井壁完成',
      wbsPath: ['海门工作井', '地下连续墙'],
      // A milestone with no baseline: its target dates are empty.
      baselineFinish: null,
      currentFinish: '2023-02-20',
      actualFinish: null,
    });
    expect(schedule.activities[0]).toMatchObject({
      name: '地下连续墙施工',
      baselineStart: '2022-11-10',
      baselineFinish: '2023-02-10',
      currentFinish: '2023-02-14',
      actualStart: '2022-11-10',
    });
  });

  it('reads a Windows-1252 export the same way', () => {
    const schedule = parseXer(fixture('schedule-cp1252.xer'));
    expect(schedule.encoding).toBe('windows-1252');
    expect(schedule.activities[0]!.name).toBe('Diaphragm walls – façade side');
    expect(schedule.activities[1]!.wbsPath).toEqual(['Haimen shaft', 'Diaphragm walls – zone A']);
  });

  it('refuses what is not an XER file, or is too long a line', () => {
    expect(() => parseXer(new TextEncoder().encode('name,date\nA,1\n'))).toThrowError(AppError);
    const long = `ERMHDR\t19\n%T\tTASK\n%F\ttask_code\n%R\t${'x'.repeat(200_000)}\n`;
    expect(() => parseXer(new TextEncoder().encode(long))).toThrowError(/too long/);
  });
});
