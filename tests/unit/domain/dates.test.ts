import { describe, expect, it } from 'vitest';
import { siteDayOf, siteDaySchema } from '../../../main/domain/dates';

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
