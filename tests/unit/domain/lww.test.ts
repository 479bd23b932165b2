import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../main/domain/hlc';
import { ledgerCells, overwritesUnseen, replaces, type HeldCell } from '../../../main/domain/lww';

const stamp = (millis: number, counter = 0, node = '0123456789abcdef') =>
  encodeHlc({ millis, counter, node });

describe('last writer wins', () => {
  it('takes the newer stamp, whatever order writes come in (ties keep the cell)', () => {
    const hlc = fc
      .tuple(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'),
      )
      .map(([m, c, n]) => stamp(1_700_000_000_000 + m, c, n));
    fc.assert(
      fc.property(fc.array(hlc, { minLength: 1, maxLength: 8 }), (stamps) => {
        let held: string | null = null;
        for (const s of stamps) if (replaces(s, held)) held = s;
        expect(held).toBe([...stamps].sort().pop());
      }),
    );
    expect(replaces(stamp(1), null)).toBe(true);
    expect(replaces(stamp(1), stamp(1))).toBe(false);
  });
});

describe('an overwrite of an unseen value', () => {
  const current: HeldCell = {
    value: '60',
    hlc: stamp(10),
    client_id: 'aaaaaaaaaaaaaaaa',
    user_id: 'u1',
  };
  const write = { hlc: stamp(20), col: 'headcount', value: '62', base_hlc: null };

  it('is a conflict when the writer saw another version of the cell', () => {
    expect(overwritesUnseen(write, current, 'bbbbbbbbbbbbbbbb')).toBe(true);
    expect(overwritesUnseen({ ...write, base_hlc: stamp(5) }, current, 'bbbbbbbbbbbbbbbb')).toBe(
      true,
    );
  });

  it('is not one when seen, the same value, a replay, an audit column, or the same laptop', () => {
    const other = 'bbbbbbbbbbbbbbbb';
    expect(overwritesUnseen({ ...write, base_hlc: current.hlc }, current, other)).toBe(false);
    expect(overwritesUnseen({ ...write, value: '60' }, current, other)).toBe(false);
    expect(overwritesUnseen({ ...write, replay: true }, current, other)).toBe(false);
    expect(overwritesUnseen({ ...write, col: 'updated_at' }, current, other)).toBe(false);
    expect(overwritesUnseen(write, current, current.client_id)).toBe(false);
    expect(overwritesUnseen(write, null, other)).toBe(false);
  });

  it('records the standing value as kept and the other as lost, either way round', () => {
    const target = { projectId: 'p', tbl: 'crew_shifts', rowId: 'r', col: 'headcount' };
    const newer = { value: '62', hlc: stamp(20), by: '李工' };
    const older = { value: '60', hlc: stamp(10), by: '王工' };
    for (const [incoming, previous] of [
      [newer, older],
      [older, newer],
    ] as const) {
      const cells = Object.fromEntries(ledgerCells(target, incoming, previous, 'T'));
      expect(cells).toMatchObject({
        kept_value: '62',
        kept_by: '李工',
        lost_value: '60',
        lost_by: '王工',
      });
    }
  });
});
