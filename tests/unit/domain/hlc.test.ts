import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { decodeHlc, encodeHlc, HlcClock, newNodeId } from '../../../main/domain/hlc';

const NODE = 'aaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbb';

describe('the hybrid logical clock', () => {
  it('issues strictly increasing stamps even when the wall clock stands still or goes back', () => {
    let now = 1_700_000_000_000;
    const clock = new HlcClock(NODE, () => now);
    const stamps = [clock.tick(), clock.tick()];
    now -= 5000;
    stamps.push(clock.tick(), clock.tick());
    now += 10_000;
    stamps.push(clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('borrows the next millisecond when the counter is exhausted', () => {
    const clock = new HlcClock(NODE, () => 1_700_000_000_000);
    let last = '';
    for (let i = 0; i < 0x10005; i++) {
      const next = clock.tick();
      expect(next > last).toBe(true);
      last = next;
    }
    expect(decodeHlc(last)!.millis).toBe(1_700_000_000_001);
  });

  it('moves past a received stamp, and resumes from a persisted one', () => {
    const clock = new HlcClock(NODE, () => 1_700_000_000_000);
    const remote = encodeHlc({ millis: 1_700_000_000_050, counter: 7, node: OTHER });
    clock.receive(remote);
    expect(clock.tick() > remote).toBe(true);
    const resumed = new HlcClock(NODE, () => 1_600_000_000_000, clock.current());
    expect(resumed.tick() > remote).toBe(true);
  });

  it('refuses a stamp from a clock far in the future, and is not dragged along by it', () => {
    const clock = new HlcClock(NODE, () => 1_700_000_000_000);
    const yearAhead = encodeHlc({
      millis: 1_700_000_000_000 + 365 * 86_400_000,
      counter: 0,
      node: OTHER,
    });
    expect(() => clock.receive(yearAhead)).toThrow(AppError);
    expect(decodeHlc(clock.tick())!.millis).toBe(1_700_000_000_000);
    expect(() => clock.receive('garbage')).toThrow(AppError);
  });

  it('orders equal milliseconds by counter, then node', () => {
    const a = encodeHlc({ millis: 5, counter: 1, node: NODE });
    const b = encodeHlc({ millis: 5, counter: 1, node: OTHER });
    const c = encodeHlc({ millis: 5, counter: 2, node: NODE });
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(decodeHlc(a)).toEqual({ millis: 5, counter: 1, node: NODE });
    expect(newNodeId()).toMatch(/^[0-9a-f]{16}$/);
  });
});
