import fc from 'fast-check';
import { seededRandom } from '../../../main/domain/random';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  capacityOn,
  cycleTimes,
  dayNumber,
  dayOf,
  DEFAULT_CALENDAR,
  expectedConcreting,
  forecastFinish,
  forecastFinishes,
  forecastMilestone,
  isWorkingDay,
  observedOutput,
  parseCalendar,
  productionRates,
  sCurve,
  workingCalendarSchema,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../../main/domain/schedule';

const plain = DEFAULT_CALENDAR;
const springFestival: WorkingCalendar = {
  ...plain,
  nonWorking: [{ from: '2023-01-21', to: '2023-01-27', label: '春节' }],
};
const halfFestival: WorkingCalendar = {
  ...plain,
  reduced: [{ from: '2023-01-21', to: '2023-01-27', label: '春节', capacity: 0.5 }],
};
const sundays: WorkingCalendar = { ...plain, restWeekdays: [0] };

describe('the working calendar', () => {
  it('skips non-working periods and rest weekdays', () => {
    expect(isWorkingDay(springFestival, '2023-01-22')).toBe(false);
    expect(isWorkingDay(springFestival, '2023-01-28')).toBe(true);
    expect(addWorkingDays(plain, '2023-01-18', 5)).toBe('2023-01-23');
    expect(addWorkingDays(springFestival, '2023-01-18', 5)).toBe('2023-01-30');
    // 2023-01-22 was a Sunday.
    expect(isWorkingDay(sundays, '2023-01-22')).toBe(false);
    expect(isWorkingDay(sundays, '2023-01-23')).toBe(true);
    expect(addWorkingDays(sundays, '2023-01-20', 3)).toBe('2023-01-24');
  });

  it('counts working days between two days, signed', () => {
    expect(workingDaysBetween(plain, '2023-01-10', '2023-01-20')).toBe(10);
    expect(workingDaysBetween(springFestival, '2023-01-18', '2023-01-30')).toBe(5);
    expect(workingDaysBetween(springFestival, '2023-01-30', '2023-01-18')).toBe(-5);
    expect(workingDaysBetween(plain, '2023-01-10', '2023-01-10')).toBe(0);
  });

  it('gives reduced days their capacity', () => {
    expect(capacityOn(halfFestival, '2023-01-22')).toBe(0.5);
    expect(capacityOn(halfFestival, '2023-01-28')).toBe(1);
    expect(isWorkingDay(halfFestival, '2023-01-22')).toBe(true);
  });

  it('refuses a malformed calendar and reads a stored one back', () => {
    const bad = [
      { ...plain, restWeekdays: [7] },
      { ...plain, restWeekdays: [0, 0] },
      { ...plain, nonWorking: [{ from: '2023-02-01', to: '2023-01-01', label: '' }] },
      { ...plain, reduced: [{ from: '2023-01-01', to: '2023-01-02', label: '', capacity: 1.5 }] },
      { ...plain, extra: true },
    ];
    for (const c of bad) expect(workingCalendarSchema.safeParse(c).success).toBe(false);
    expect(parseCalendar(JSON.stringify(springFestival))).toEqual(springFestival);
    expect(parseCalendar('not json')).toEqual(DEFAULT_CALENDAR);
    expect(parseCalendar(null)).toEqual(DEFAULT_CALENDAR);
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
    // Seven days off: 2023-01-25 + 7 = 2023-02-01.
    expect(withHoliday.p50).toBe('2023-02-01');
  });

  it('gives a half-capacity day a full day of output one time in two', () => {
    const observed = Array.from({ length: 20 }, () => 1);
    // From 01-15: 01-16..01-20 give 5; each half day 01-21..01-27 gives 1 with probability 1/2,
    // so B ~ Binomial(7, 1/2) panels by 01-27; full days follow. Done by
    //   01-28 if B >= 4: P = 64/128 = 0.5   -> P50
    //   01-29 if B >= 3: P = 99/128 = 0.77
    //   01-30 if B >= 2: P = 120/128 = 0.94 -> P90
    const f = forecastFinish(halfFestival, observed, 10, '2023-01-15')!;
    expect(f.p50).toBe('2023-01-28');
    expect(f.p90).toBe('2023-01-30');
    // Without the reduction it is 2023-01-25; with the days off it is 2023-02-01.
  });

  it('says there is not enough data instead of inventing a date', () => {
    expect(forecastFinish(plain, [], 10, '2023-01-10')).toBeNull();
    expect(forecastFinish(plain, [0, 0, 0, 0, 0, 0], 10, '2023-01-10')).toBeNull();
    expect(forecastFinish(plain, [1, 2], 10, '2023-01-10')).toBeNull();
  });

  it('is a range for uneven output, and the same range every time', () => {
    const observed = [0, 1, 0, 2, 1, 0, 1, 3, 0, 1, 1, 0, 2, 0];
    const a = forecastFinish(springFestival, observed, 13, '2023-01-20')!;
    const b = forecastFinish(springFestival, observed, 13, '2023-01-20')!;
    expect(a).toEqual(b);
    expect(a.p90 > a.p50).toBe(true);
  });

  it('reads daily output over the last full working days', () => {
    const finished = ['2023-01-19', '2023-01-19', '2023-01-20', '2023-01-28'];
    const window = { window: 4 };
    expect(observedOutput(springFestival, finished, '2023-01-28', window)).toEqual([0, 2, 1, 1]);
    // Reduced days are not in the sample: the two full days are 01-20 and 01-28.
    expect(observedOutput(halfFestival, ['2023-01-27'], '2023-01-28', { window: 2 })).toEqual([
      0, 0,
    ]);
    // Not before the first day of work.
    expect(
      observedOutput(plain, finished, '2023-01-20', { window: 28, since: '2023-01-18' }),
    ).toEqual([0, 2, 1]);
  });

  it('gives a status and float against the due date', () => {
    const days = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `2023-01-${String(from + i).padStart(2, '0')}`);
    const base = { total: 20, since: '2023-01-01', asOf: '2023-01-10' };
    // One panel a day for ten days; ten left: P50 = P90 = 2023-01-20.
    const finishedDays = days(1, 10);
    const onTrack = forecastMilestone(plain, { ...base, finishedDays, dueDate: '2023-01-25' });
    expect(onTrack).toMatchObject({
      status: 'on_track',
      p50: '2023-01-20',
      p90: '2023-01-20',
      finished: 10,
      remaining: 10,
      rate: 1,
      floatDays: 5,
    });
    const late = forecastMilestone(plain, { ...base, finishedDays, dueDate: '2023-01-18' });
    expect(late).toMatchObject({ status: 'late', floatDays: -2 });
    // Uneven output: P50 before the due date, P90 after it.
    const uneven = [...days(1, 3), '2023-01-05', '2023-01-05', '2023-01-05', '2023-01-09'];
    const range = forecastMilestone(plain, {
      ...base,
      finishedDays: uneven,
      dueDate: '2023-01-10',
    });
    const dueBetween = range.p50! < range.p90! ? range.p50! : null;
    expect(dueBetween).not.toBeNull();
    const atRisk = forecastMilestone(plain, {
      ...base,
      finishedDays: uneven,
      dueDate: dueBetween!,
    });
    expect(atRisk.status).toBe('at_risk');
    expect(atRisk.floatDays).toBe(0);
    // Nothing started, or finished: no invented date; done is done.
    const none = forecastMilestone(plain, {
      ...base,
      since: null,
      finishedDays: [],
      dueDate: '2023-02-01',
    });
    expect(none).toMatchObject({ status: 'not_enough_data', p50: null, floatDays: null });
    const done = forecastMilestone(plain, {
      ...base,
      total: 10,
      finishedDays,
      dueDate: '2023-01-12',
    });
    expect(done).toMatchObject({ status: 'done', actualDate: '2023-01-10', floatDays: 2 });
    // Days after as-of are not known yet.
    const earlier = forecastMilestone(plain, {
      ...base,
      asOf: '2023-01-05',
      finishedDays,
      dueDate: '2023-02-01',
    });
    expect(earlier.finished).toBe(5);
  });
});

describe('rates, cycle times, curves', () => {
  it('gives panels and m² per working day over each window', () => {
    const finished = [
      { day: '2023-01-10', areaM2: 200 },
      { day: '2023-01-12', areaM2: 210 },
      { day: '2023-01-19', areaM2: 190 },
      { day: '2023-01-20', areaM2: 220 },
    ];
    const rates = productionRates(plain, finished, '2023-01-20', '2023-01-01');
    expect(rates.find((r) => r.window === 7)).toMatchObject({
      workingDays: 7,
      panels: 2,
      areaM2: 410,
      panelsPerDay: 0.29,
      areaM2PerDay: 58.6,
    });
    expect(rates.find((r) => r.window === 'all')).toMatchObject({ workingDays: 20, panels: 4 });
    // The festival days do not count as working days.
    const festival = productionRates(springFestival, finished, '2023-01-28', '2023-01-01');
    expect(festival.find((r) => r.window === 7)).toMatchObject({ workingDays: 7, panels: 2 });
  });

  it('measures excavation-to-concreting in working days per panel type', () => {
    const cycles = cycleTimes(
      springFestival,
      [
        {
          type: 'primary',
          days: { excavation: '2023-01-10', cage_lowered: '2023-01-12', concreting: '2023-01-13' },
        },
        {
          type: 'primary',
          days: { excavation: '2023-01-19', cage_lowered: '2023-01-20', concreting: '2023-01-28' },
        },
        { type: 'primary', days: { excavation: '2023-01-14', concreting: '2023-01-18' } },
        { type: 'secondary', days: { excavation: '2023-01-10' } },
      ],
      ['primary', 'secondary'],
    );
    // 3, 2 (the festival skipped), 4 working days.
    expect(cycles[0]).toMatchObject({ type: 'primary', panels: 3, medianDays: 3, p90Days: 4 });
    expect(cycles[0]!.toConcreting).toMatchObject({ excavation: 3, cage_lowered: 1 });
    expect(cycles[1]).toMatchObject({ type: 'secondary', panels: 0, medianDays: null });
    const expected = expectedConcreting(
      springFestival,
      { type: 'secondary', stage: 'excavation', day: '2023-01-19' },
      cycles,
      '2023-01-19',
    );
    // Secondary has no history: the median over all types (3) from 01-19, the festival skipped.
    expect(expected).toBe('2023-01-29');
  });

  it('draws planned against actual over the calendar', () => {
    const points = sCurve(springFestival, {
      total: 10,
      plannedStart: '2023-01-16',
      plannedFinish: '2023-02-03',
      finishedDays: ['2023-01-16', '2023-01-17', '2023-01-17', '2023-01-30'],
      from: '2023-01-14',
      to: '2023-02-05',
      asOf: '2023-01-30',
    });
    const at = (day: string) => points.find((p) => p.day === day)!;
    // 19 days, 7 off: 12 working days of 10/12 panels each.
    expect(at('2023-01-14')).toEqual({ day: '2023-01-14', planned: 0, actual: 0 });
    expect(at('2023-01-17')).toMatchObject({ planned: 1.67, actual: 3 });
    expect(at('2023-01-25')!.planned).toBe(at('2023-01-20')!.planned);
    expect(at('2023-02-03')).toMatchObject({ planned: 10, actual: null });
    expect(at('2023-01-30')).toMatchObject({ actual: 4 });
    expect(points).toHaveLength(23);
  });
});

describe('forecast properties (fast-check)', () => {
  const day = fc
    .integer({ min: dayNumber('2022-01-01'), max: dayNumber('2024-12-31') })
    .map((n) => dayOf(n));
  const calendar = fc.record({
    restWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
    nonWorking: fc.array(
      fc.tuple(day, fc.integer({ min: 0, max: 20 })).map(([from, len]) => ({
        from,
        to: dayOf(dayNumber(from) + len),
        label: '',
      })),
      { maxLength: 3 },
    ),
    reduced: fc.array(
      fc
        .tuple(day, fc.integer({ min: 0, max: 20 }), fc.double({ min: 0.1, max: 0.9, noNaN: true }))
        .map(([from, len, capacity]) => ({
          from,
          to: dayOf(dayNumber(from) + len),
          label: '',
          capacity,
        })),
      { maxLength: 3 },
    ),
  });

  it('gives working days after the as-of day, P50 no later than P90', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        day,
        (cal, observed, remaining, asOf) => {
          const f = forecastFinish(cal, observed, remaining, asOf);
          if (observed.every((v) => v === 0)) return f === null;
          return (
            f !== null &&
            f.p50 > asOf &&
            f.p50 <= f.p90 &&
            isWorkingDay(cal, f.p50) &&
            isWorkingDay(cal, f.p90)
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the arithmetic date for a constant rate on any calendar without reduced days', () => {
    fc.assert(
      fc.property(
        calendar.map((c) => ({ ...c, reduced: [] })),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 300 }),
        day,
        (cal, rate, remaining, asOf) => {
          const f = forecastFinish(cal, Array(10).fill(rate) as number[], remaining, asOf)!;
          const expected = addWorkingDays(
            cal,
            dayOf(dayNumber(asOf) + 1),
            Math.ceil(remaining / rate) - 1,
          );
          return f.p50 === expected && f.p90 === expected;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the dates of the whole distribution, day by day, though it follows only its band', () => {
    // The model in full: every count of panels done, every day, nothing let go.
    const whole = (cal: WorkingCalendar, observed: number[], remaining: number, asOf: string) => {
      const target = Math.ceil(remaining);
      let mass = Array<number>(target).fill(0);
      mass[0] = 1;
      let done = 0;
      let p50: string | null = null;
      for (let d = dayNumber(asOf) + 1, worked = 0; worked < 3660; d++) {
        const c = capacityOn(cal, dayOf(d));
        if (c === 0) continue;
        worked++;
        const next = Array<number>(target).fill(0);
        mass.forEach((m, s) => {
          next[s]! += (1 - c) * m;
          for (const v of observed) {
            const t = s + Math.round(v);
            if (t < target) next[t]! += (c * m) / observed.length;
            else done += (c * m) / observed.length;
          }
        });
        mass = next;
        if (p50 === null && done >= 0.5 - 1e-9) p50 = dayOf(d);
        if (done >= 0.9 - 1e-9) return { p50, p90: dayOf(d) };
      }
      return null;
    };
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 30 }),
        fc.integer({ min: 1, max: 300 }),
        day,
        (cal, observed, remaining, asOf) => {
          fc.pre(observed.some((v) => v > 0));
          const f = forecastFinish(cal, observed, remaining, asOf)!;
          expect({ p50: f.p50, p90: f.p90 }).toEqual(whole(cal, observed, remaining, asOf));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives several amounts of work left the dates each gets alone', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 30 }),
        fc.array(fc.integer({ min: -2, max: 300 }), { minLength: 1, maxLength: 8 }),
        day,
        (cal, observed, remainings, asOf) => {
          const together = forecastFinishes(cal, observed, remainings, asOf);
          for (const r of remainings)
            expect(together.get(r)).toEqual(forecastFinish(cal, observed, r, asOf));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with a seeded Monte-Carlo bootstrap of the same model, within a working day', () => {
    // An independent, naive simulation: day by day, 4,000 runs.
    const simulate = (
      cal: WorkingCalendar,
      observed: number[],
      remaining: number,
      asOf: string,
    ) => {
      const random = seededRandom(11);
      const needed: number[] = [];
      for (let r = 0; r < 4000; r++) {
        let done = 0;
        let day = dayNumber(asOf);
        while (done < remaining) {
          day += 1;
          const c = capacityOn(cal, dayOf(day));
          if (c > 0 && random() < c) done += observed[Math.floor(random() * observed.length)]!;
        }
        needed.push(day);
      }
      needed.sort((a, b) => a - b);
      return { p50: needed[1999]!, p90: needed[3599]! };
    };
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 20 }),
        fc.integer({ min: 1, max: 25 }),
        day,
        (cal, observed, remaining, asOf) => {
          fc.pre(observed.some((v) => v > 0));
          const exact = forecastFinish(cal, observed, remaining, asOf)!;
          const sim = simulate(cal, observed, remaining, asOf);
          const off = (a: string, b: number) => Math.abs(workingDaysBetween(cal, a, dayOf(b)));
          return off(exact.p50, sim.p50) <= 1 && off(exact.p90, sim.p90) <= 1;
        },
      ),
      { numRuns: 40 },
    );
  });
});
