import { describe, expect, it } from 'vitest';
import { readDay, siteDayOf, siteDaySchema } from '../../../main/domain/dates';

describe('site days', () => {
  it('falls on the site’s calendar, not UTC: 23:30 UTC is the next morning in Shanghai', () => {
    expect(siteDayOf(new Date('2023-01-26T23:30:00Z'), 'Asia/Shanghai')).toBe('2023-01-27');
    expect(siteDayOf(new Date('2023-01-26T15:59:00Z'), 'Asia/Shanghai')).toBe('2023-01-26');
  });

  it('accepts only real calendar dates', () => {
    expect(siteDaySchema.safeParse('2023-02-20').success).toBe(true);
    expect(siteDaySchema.safeParse('2023-02-30').success).toBe(false);
    expect(siteDaySchema.safeParse('20/02/2023').success).toBe(false);
  });
});

describe('readDay: a day as a person types it', () => {
  it('reads year-first forms and refuses the rest', () => {
    for (const typed of [
      '2023-03-31',
      '2023/3/31',
      '2023.03.31',
      '20230331',
      '2023年3月31日',
      ' 2023-3-31 ',
    ])
      expect(readDay(typed), typed).toBe('2023-03-31');
    for (const typed of [
      '31/03/2023',
      '03/31/2023',
      '2023-02-30',
      '2023-13-01',
      '0002-02-06x',
      '2023-3',
      '',
      '30331-02-02',
    ])
      expect(readDay(typed), typed).toBeNull();
    expect(readDay('0002-02-06')).toBe('0002-02-06');
  });
});
