import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dailyOutput,
  forecastFinish,
  isWorkingDay,
  type WorkingCalendar,
} from '../../../main/domain/schedule';

const plain: WorkingCalendar = { nonWorking: [] };
const springFestival: WorkingCalendar = { nonWorking: [{ from: '2023-01-21', to: '2023-01-27' }] };

describe('the working calendar', () => {
  it('skips non-working periods', () => {
    expect(isWorkingDay(springFestival, '2023-01-22')).toBe(false);
    expect(isWorkingDay(springFestival, '2023-01-28')).toBe(true);
    expect(addWorkingDays(plain, '2023-01-18', 5)).toBe('2023-01-23');
    expect(addWorkingDays(springFestival, '2023-01-18', 5)).toBe('2023-01-30');
  });
});

describe('milestone forecasts', () => {
  it('gives P50 = P90 = the arithmetic date for a constant rate', () => {
    const observed = Array.from({ length: 20 }, () => 2);
    // 13 panels at 2 a day: 7 working days after 2023-01-10, the 7th being 2023-01-17.
    const f = forecastFinish(plain, observed, 13, '2023-01-10')!;
    expect(f).toMatchObject({ p50: '2023-01-17', p90: '2023-01-17', rate: 2 });
  });

  it('moves the date by exactly the non-working days of the Spring Festival', () => {
    const observed = Array.from({ length: 20 }, () => 1);
    const without = forecastFinish(plain, observed, 10, '2023-01-15')!;
    const withHoliday = forecastFinish(springFestival, observed, 10, '2023-01-15')!;
    expect(without.p50).toBe('2023-01-25');
    expect(withHoliday.p50).toBe('2023-02-01');
  });

  it('says there is not enough data instead of inventing a date', () => {
    expect(forecastFinish(plain, [], 10, '2023-01-10')).toBeNull();
    expect(forecastFinish(plain, [0, 0, 0, 0, 0, 0], 10, '2023-01-10')).toBeNull();
    expect(forecastFinish(plain, [1, 2], 10, '2023-01-10')).toBeNull();
  });

  it('is a range for uneven output, and the same range for the same seed', () => {
    const observed = [0, 1, 0, 2, 1, 0, 1, 3, 0, 1, 1, 0, 2, 0];
    const a = forecastFinish(springFestival, observed, 13, '2023-01-20', { seed: 7 })!;
    const b = forecastFinish(springFestival, observed, 13, '2023-01-20', { seed: 7 })!;
    expect(a).toEqual(b);
    expect(a.p90 >= a.p50).toBe(true);
    expect(a.p90 > a.p50).toBe(true);
  });

  it('reads daily output over the last working days', () => {
    const finished = ['2023-01-19', '2023-01-19', '2023-01-20', '2023-01-28'];
    expect(dailyOutput(springFestival, finished, '2023-01-28', 4)).toEqual([0, 2, 1, 1]);
  });
});
