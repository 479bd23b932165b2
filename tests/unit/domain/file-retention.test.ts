// The collectors' one rule, on random files and rows: a file a live row names is never chosen;
// one nothing live names is chosen exactly when its last touch (stored, or a row naming it last
// changed) is older than the retention.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filesToCollect, type FileUse } from '../../../main/domain/file-retention';

const DAY = 24 * 3600_000;
const NOW = Date.parse('2027-03-01T00:00:00Z');
const hash = fc.constantFrom(...'abcdef'.split('').map((c) => c.repeat(64)));
const when = fc.integer({ min: -90, max: 5 }).map((d) => NOW + d * DAY + 1);

describe('filesToCollect', () => {
  it('never chooses a file a live row names, and chooses every other one left alone long enough', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ sha256: hash, bytes: fc.nat(), storedAtMs: when }), {
          selector: (f) => f.sha256,
        }),
        fc.array(fc.record({ sha256: hash, live: fc.boolean(), changedAtMs: when })),
        fc.integer({ min: 1, max: 60 }),
        (files, uses: FileUse[], retentionDays) => {
          const chosen = new Set(
            filesToCollect(files, uses, { nowMs: NOW, retentionDays }).map((f) => f.sha256),
          );
          for (const f of files) {
            const mine = uses.filter((u) => u.sha256 === f.sha256);
            const lastTouch = Math.max(f.storedAtMs, ...mine.map((u) => u.changedAtMs));
            const expected = !mine.some((u) => u.live) && NOW - lastTouch > retentionDays * DAY;
            expect(chosen.has(f.sha256)).toBe(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps a file whose times cannot be read', () => {
    const file = { sha256: 'a'.repeat(64), bytes: 1, storedAtMs: NaN };
    expect(filesToCollect([file], [], { nowMs: NOW, retentionDays: 1 })).toEqual([]);
    const old = { ...file, storedAtMs: NOW - 40 * DAY };
    const unreadable = { sha256: file.sha256, live: false, changedAtMs: NaN };
    expect(filesToCollect([old], [unreadable], { nowMs: NOW, retentionDays: 30 })).toEqual([]);
    expect(filesToCollect([old], [], { nowMs: NOW, retentionDays: 30 })).toEqual([old]);
  });
});
