// The compiled calendar (a table of capacities with a running count of working days) against the
// calendar's definition, walked day by day; and milestone forecasts shared through a memo against
// the same forecasts worked out one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileCalendar,
  dayNumber,
  dayOf,
  forecastMilestone,
  forecastMilestones,
  workingDaysBetween,
  type ForecastMemo,
  type WorkingCalendar,
} from '../../../main/domain/schedule';

/** The calendar's definition: rest weekdays and days off give 0, else the least reduced capacity. */
function capacityByDefinition(calendar: WorkingCalendar, n: number): number {
  if (calendar.restWeekdays.includes((((n + 4) % 7) + 7) % 7)) return 0;
  if (calendar.nonWorking.some((p) => n >= dayNumber(p.from) && n <= dayNumber(p.to))) return 0;
  return calendar.reduced
    .filter((p) => n >= dayNumber(p.from) && n <= dayNumber(p.to))
    .reduce((c, p) => Math.min(c, p.capacity), 1);
}

// Days inside the table and either side of both of its ends (1990-01-01 and 2089-12-31).
const day = fc.oneof(
  fc.integer({ min: dayNumber('1989-11-01'), max: dayNumber('1990-03-01') }),
  fc.integer({ min: dayNumber('2022-01-01'), max: dayNumber('2024-12-31') }),
  fc.integer({ min: dayNumber('2089-11-01'), max: dayNumber('2090-03-01') }),
);
const period = fc.tuple(day, fc.integer({ min: 0, max: 90 }));
const calendar: fc.Arbitrary<WorkingCalendar> = fc.record({
  restWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
  nonWorking: fc.array(
    period.map(([from, len]) => ({ from: dayOf(from), to: dayOf(from + len), label: '' })),
    { maxLength: 4 },
  ),
  reduced: fc.array(
    fc.tuple(period, fc.double({ min: 0.1, max: 0.9, noNaN: true })).map(([[from, len], c]) => ({
      from: dayOf(from),
      to: dayOf(from + len),
      label: '',
      capacity: c,
    })),
    { maxLength: 4 },
  ),
});

describe('dayNumber', () => {
  it('counts a site day out as Date.parse does, rolling over a day past the month as it does', () => {
    const digits = (n: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
          fc.string({ maxLength: 12 }),
        ),
        (day) => {
          const expected = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
          expect(dayNumber(day)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
    for (const day of [
      '2023-02-29',
      '2024-02-29',
      '2023-04-31',
      '0000-01-01',
      '1969-12-31',
      '2100-03-01',
    ])
      expect(dayNumber(day)).toBe(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
  });
});

describe('compiled calendar', () => {
  it('gives each day the capacity the calendar defines, inside the table and outside it', () => {
    fc.assert(
      fc.property(calendar, fc.array(day, { minLength: 1, maxLength: 30 }), (cal, days) => {
        const capacity = compileCalendar(cal);
        for (const n of days) expect(capacity(n)).toBe(capacityByDefinition(cal, n));
      }),
      { numRuns: 300 },
    );
  });

  it('counts the working days between two days as walking them would', () => {
    fc.assert(
      fc.property(calendar, day, fc.integer({ min: -120, max: 120 }), (cal, from, span) => {
        const to = from + span;
        const [lo, hi] = from <= to ? [from, to] : [to, from];
        let walked = 0;
        for (let n = lo + 1; n <= hi; n++) if (capacityByDefinition(cal, n) > 0) walked += 1;
        const expected = from <= to ? walked : -walked;
        expect(workingDaysBetween(cal, dayOf(from), dayOf(to))).toBe(expected);
        expect(workingDaysBetween(compileCalendar(cal), dayOf(from), dayOf(to))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is not fooled by an equal calendar given as another object', () => {
    const a: WorkingCalendar = { restWeekdays: [0], nonWorking: [], reduced: [] };
    const b: WorkingCalendar = { restWeekdays: [], nonWorking: [], reduced: [] };
    const sunday = dayNumber('2024-01-07');
    expect(compileCalendar(a)(sunday)).toBe(0);
    expect(compileCalendar(b)(sunday)).toBe(1);
    expect(compileCalendar({ ...a })(sunday)).toBe(0);
  });
});

describe('forecasts shared through a memo', () => {
  it('are the forecasts worked out one by one, whatever order the days of output come in', () => {
    const cal: WorkingCalendar = { restWeekdays: [0], nonWorking: [], reduced: [] };
    const finished = ['2024-03-01', '2024-03-02', '2024-03-02', '2024-03-05', '2024-03-07'];
    const inputs = [
      { total: 40, finishedDays: finished },
      { total: 40, finishedDays: [...finished].reverse() },
      { total: 30, finishedDays: finished },
      { total: 40, finishedDays: finished.slice(1) },
    ].map((i) => ({ ...i, since: '2024-02-26', dueDate: '2024-05-01', asOf: '2024-03-08' }));
    const memo: ForecastMemo = new Map();
    const shared = inputs.map((i) => forecastMilestone(cal, i, memo));
    expect(shared).toEqual(inputs.map((i) => forecastMilestone(cal, i)));
    // The first two have the same sample and the same panels left: one convolution for both.
    expect(memo.size).toBe(3);
  });

  it('together are the forecasts worked out one by one, whatever the amounts left', () => {
    const cal: WorkingCalendar = { restWeekdays: [0], nonWorking: [], reduced: [] };
    const finished = ['2024-03-01', '2024-03-02', '2024-03-02', '2024-03-05', '2024-03-07'];
    const inputs = [40, 12, 90, 5, 6, 40].map((total, i) => ({
      total,
      finishedDays: i === 4 ? finished.slice(1) : finished,
      since: i === 5 ? null : '2024-02-26',
      dueDate: '2024-05-01',
      asOf: '2024-03-08',
      scoped: i !== 3,
    }));
    const together = forecastMilestones(cal, inputs);
    expect(together).toEqual(inputs.map((i) => forecastMilestone(cal, i)));
    expect(together.map((f) => f.status)).toEqual([
      'late',
      'on_track',
      'late',
      'unmapped',
      'on_track',
      'not_enough_data',
    ]);
  });
});
