import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isMergeStamp,
  mergeStamp,
  NATURAL_KEYS,
  naturalId,
  planMerge,
  type MergeCandidate,
  type NaturalTable,
} from '../../../main/domain/natural-keys';

const TABLES = Object.keys(NATURAL_KEYS) as NaturalTable[];
const key = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), {
  minLength: 1,
  maxLength: 3,
});

describe('natural ids', () => {
  it('are the same for the same project, table and key, on any laptop', () => {
    const project = '01a226f4-0e0d-7027-899f-02f2a2864de1';
    const team = '01a226f4-0dd4-7066-bf29-0fd4f28a2627';
    const id = naturalId(project, 'crew_shifts', ['2023-01-20', 'day', team]);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(naturalId(project, 'crew_shifts', ['2023-01-20', 'day', team])).toBe(id);
  });

  it('never collide across projects, tables or keys (by construction: all three are hashed)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.uuid(), fc.constantFrom(...TABLES), key),
        fc.tuple(fc.uuid(), fc.constantFrom(...TABLES), key),
        ([p1, t1, k1], [p2, t2, k2]) => {
          const same =
            p1 === p2 &&
            t1 === t2 &&
            JSON.stringify(k1.map(String)) === JSON.stringify(k2.map(String));
          expect(naturalId(p1, t1, k1) === naturalId(p2, t2, k2)).toBe(same);
        },
      ),
      { numRuns: 2000 },
    );
    // The same day in another project, or the same key in another table, is another row.
    const [a, b] = ['00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002'];
    expect(naturalId(a, 'staff_counts', ['2023-01-20'])).not.toBe(
      naturalId(b, 'staff_counts', ['2023-01-20']),
    );
    expect(naturalId(a, 'staff_counts', ['2023-01-20'])).not.toBe(
      naturalId(a, 'daily_logs', ['2023-01-20']),
    );
  });
});

describe('planMerge', () => {
  const cell = (value: unknown, hlc: string, by = 'x') => ({ value, hlc, by });
  const h = (n: number, node = '0123456789abcdef') => `2023-01-20T08:00:00.00${n}Z-0000-${node}`;

  it('keeps the newest value of each column and records every other value as lost', () => {
    const rows: MergeCandidate[] = [
      { id: 'b', cells: { headcount: cell(60, h(1), 'li'), foreman: cell(null, '') } },
      { id: 'a', cells: { headcount: cell(62, h(2), 'wang'), foreman: cell('张', h(2), 'wang') } },
    ];
    const plan = planMerge('n', rows);
    expect(plan.survivor.headcount).toEqual(cell(62, h(2), 'wang'));
    expect(plan.survivor.foreman).toEqual(cell('张', h(2), 'wang'));
    expect(plan.losses).toEqual([
      { column: 'headcount', kept: cell(62, h(2), 'wang'), lost: cell(60, h(1), 'li') },
    ]);
    expect(plan.losers).toEqual(['a', 'b']);
    expect(plan.stamp > h(2)).toBe(true);
    expect(isMergeStamp(plan.stamp)).toBe(true);
  });

  it('gives the same plan whatever order the rows come in', () => {
    const candidate = fc.record({
      id: fc.constantFrom('n', 'r1', 'r2', 'r3'),
      cells: fc.record({
        headcount: fc.record({
          value: fc.integer({ min: 0, max: 99 }),
          hlc: fc.integer({ min: 0, max: 9 }).map((n) => h(n)),
          by: fc.constant('x'),
        }),
      }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.id, minLength: 2 }), (rows) => {
        const plan = planMerge('n', rows);
        expect(planMerge('n', [...rows].reverse())).toEqual(plan);
      }),
    );
  });

  it('stamps after the newest version, also when its counter is full', () => {
    const full = '2023-01-20T08:00:00.000Z-FFFF-0123456789abcdef';
    expect(mergeStamp(full)).toBe('2023-01-20T08:00:00.001Z-0000-ffffffffffffffff');
  });
});
