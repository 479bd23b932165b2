// Microsoft Project XML parsing on a small file written for the test: summary tasks as the WBS,
// milestones with and without a baseline, a finished task, and what is refused.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { parseSchedule } from '../../../main/domain/schedule-import';

const encode = (text: string) => new TextEncoder().encode(text);

describe('MSPDI', () => {
  it('reads tasks and milestones with their WBS path, baseline 0 and current dates', () => {
    const schedule = parseSchedule(
      new Uint8Array(fs.readFileSync('tests/fixtures/schedule-mspdi.xml')),
    );
    expect(schedule).toMatchObject({ format: 'mspdi', encoding: 'utf-8' });
    expect(schedule.projects).toEqual([{ code: '海太长江隧道 A 标', name: '海太长江隧道 A 标' }]);
    expect(schedule.activities.map((a) => [a.code, a.name, a.milestone, a.status])).toEqual([
      ['1.1.1', '导墙施工', false, 'complete'],
      ['1.1.2', '井壁完成', true, 'not_started'],
      ['1.2', '基坑开挖完成', true, 'not_started'],
    ]);
    expect(schedule.activities[1]).toMatchObject({
      wbsPath: ['海门工作井', '地下连续墙 & 导墙'],
      baselineFinish: '2023-02-20',
      currentFinish: '2023-02-22',
    });
    // A milestone with no baseline.
    expect(schedule.activities[2]).toMatchObject({
      baselineFinish: null,
      currentFinish: '2023-06-30',
    });
    expect(schedule.activities[0]).toMatchObject({ actualFinish: '2022-11-16' });
  });

  it('refuses entity declarations, malformed XML and other files', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Project><Title>&lol2;</Title></Project>';
    expect(() => parseSchedule(encode(laughs))).toThrowError(/DOCTYPE/);
    expect(() => parseSchedule(encode('<Project><Tasks><Task></Project>'))).toThrowError(AppError);
    expect(() => parseSchedule(encode('<?xml version="1.0"?><Other/>'))).toThrowError(/Project/);
    expect(() => parseSchedule(encode('name,date'))).toThrowError(/neither/);
  });
});
