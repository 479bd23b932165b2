// The layout generator, checked against layouts worked out by hand.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import {
  longestRun,
  outlineSchema,
  wallLength,
  wallLines,
  type Outline,
} from '../../../main/domain/outline';
import { cornersOf, fillRun, generateLayout } from '../../../main/domain/panel-layout';

const wall = { primaryLengthM: 3.6, secondaryLengthM: 3.2, thicknessM: 1.2, designDepthM: 60 };
const layout = (outline: Outline, over: Partial<typeof wall> = {}) =>
  generateLayout({ outline, ...wall, ...over });
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;

describe('panel layout generator', () => {
  it('lays a 60 × 42 m rectangle with 3.6 m A and 3.2 m B panels as worked by hand', () => {
    // Perimeter 204 m. Four L corners of 3.6 m (1.8 m each way). A long side keeps 60 − 3.6 =
    // 56.4 m between its corners: B (A B)×8 nominally 3.2 + 8 × 6.8 = 57.6 m, so one B closes at
    // 3.2 − 1.2 = 2.0 m: 17 panels. A short side keeps 42 − 3.6 = 38.4 m: B (A B)×5 = 37.2 m, one
    // closing panel of 4.4 m: 11 panels. 4 + 2 × 17 + 2 × 11 = 60 panels.
    const result = layout({ shape: 'rectangle', lengthM: 60, widthM: 42 });
    expect(result.wallLengthM).toBe(204);
    expect(result.panels).toHaveLength(60);
    expect(result.counts).toEqual({ primary: 30, secondary: 26, closing: 4, corner: 4 });
    expect(sum(result.panels.map((p) => p.lengthM))).toBe(204);
    const closings = result.panels.filter((p) => p.type === 'closing').map((p) => p.lengthM);
    expect(closings.sort()).toEqual([2, 2, 4.4, 4.4]);
    // The first panel is the top-left corner, then the sequence runs round without a gap.
    expect(result.panels[0]).toMatchObject({ code: 'A1', cornerAtM: 0, fromM: -1.8, toM: 1.8 });
    for (let i = 1; i < result.panels.length; i++)
      expect(result.panels[i]!.fromM).toBeCloseTo(result.panels[i - 1]!.toM, 6);
    expect(result.panels.at(-1)!.toM).toBeCloseTo(204 - 1.8, 6);
    // A and B alternate: no two primaries or two secondaries side by side.
    const kinds = result.panels.map((p) => (p.type === 'primary' ? 'A' : 'B'));
    for (let i = 0; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[(i + 1) % kinds.length]);
    expect(result.panels.map((p) => p.sequence)).toEqual(result.panels.map((_, i) => i + 1));
    expect(result.panels[0]).toMatchObject({ toeLevelM: -60, theoreticalVolumeM3: 259.2 });
  });

  it('lays a 60 m circle as straight panels with no corners, closing once round', () => {
    // The panels are chords of the circle: the wall line is the polygon they make, 188.48 m round
    // (60π = 188.50 m). A1 at 0–3.6 m, then 184.88 m between it and itself: B (A B)×26 is 180.0 m,
    // leaving a 8.08 m closing panel, too long (over 1.5 × 3.2 m); (A B)×27 is 186.8 m, 1.92 m too
    // much for one closing panel (under 1.6 m). So the 8.08 m become C A C: two closing panels of
    // (8.08 − 3.6) / 2 = 2.24 m either side of a primary.
    const result = layout({ shape: 'circle', diameterM: 60 });
    expect(wallLength({ shape: 'circle', diameterM: 60 })).toBeCloseTo(60 * Math.PI, 1);
    expect(result.counts.corner).toBe(0);
    expect(result.counts).toMatchObject({ primary: 28, secondary: 26, closing: 2 });
    const closings = result.panels.filter((p) => p.type === 'closing');
    expect(result.wallLengthM).toBeCloseTo(188.48, 2);
    const closing = (result.wallLengthM - 3.6 - 180 + 3.2 - 3.6) / 2;
    expect(closings.map((p) => p.lengthM)).toEqual(
      [closing, closing].map((x) => expect.closeTo(x, 2)),
    );
    expect(sum(result.panels.map((p) => p.lengthM))).toBeCloseTo(result.wallLengthM, 1);
  });

  it('lays two parallel walls of a cut-and-cover section, each from a primary at either end', () => {
    // 100 m, A (B A)×n: 3.6 + 13 × 6.8 = 92 m leaves 8 m, so 14 pairs are 98.8 m and the 1.2 m
    // over goes into a closing panel of 4.4 m. 29 panels a wall.
    const result = layout({ shape: 'parallel', lengthM: 100, widthM: 20 });
    expect(result.wallLengthM).toBe(200);
    expect(result.panels.filter((p) => p.line === 0)).toHaveLength(29);
    expect(result.panels.filter((p) => p.line === 1)).toHaveLength(29);
    const first = result.panels.filter((p) => p.line === 0);
    expect(first[0]!.type).toBe('primary');
    expect(first.at(-1)!.type).toBe('primary');
    expect(first.at(-1)!.toM).toBeCloseTo(100, 6);
  });

  it('turns an L-shaped closed polyline at each corner, the re-entrant one too', () => {
    const outline = outlineSchema.parse({
      shape: 'polyline',
      closed: true,
      points: [
        { x: 0, y: 0 },
        { x: 40, y: 0 },
        { x: 40, y: 20 },
        { x: 20, y: 20 },
        { x: 20, y: 40 },
        { x: 0, y: 40 },
      ],
    });
    expect(cornersOf(wallLines(outline)[0]!)).toEqual([0, 40, 60, 80, 100, 120]);
    const result = layout(outline);
    expect(result.counts.corner).toBe(6);
    expect(sum(result.panels.map((p) => p.lengthM))).toBeCloseTo(160, 6);
  });

  it('lays an open polyline from free end to free end, with an L panel where it turns', () => {
    const result = layout({
      shape: 'polyline',
      closed: false,
      points: [
        { x: 0, y: 0 },
        { x: 30, y: 0 },
        { x: 30, y: 30 },
      ],
    });
    expect(result.counts.corner).toBe(1);
    expect(result.panels[0]!.type).toBe('primary');
    expect(result.panels.at(-1)!.toM).toBeCloseTo(60, 6);
  });

  it('fills a run exactly when the lengths divide, and refuses one that takes no panel', () => {
    expect(fillRun(3.2 + 6.8 * 2, 'primary', 'primary', 3.6, 3.2)!.map((p) => p.type)).toEqual([
      'secondary',
      'primary',
      'secondary',
      'primary',
      'secondary',
    ]);
    expect(fillRun(0.5, 'primary', 'primary', 3.6, 3.2)).toBeNull();
    expect(() => layout({ shape: 'rectangle', lengthM: 4, widthM: 4.5 })).toThrowError(AppError);
  });

  it('knows the longest straight run no panel may exceed', () => {
    expect(longestRun({ shape: 'rectangle', lengthM: 60, widthM: 42 })).toBe(60);
    expect(longestRun({ shape: 'parallel', lengthM: 100, widthM: 20 })).toBe(100);
    expect(longestRun({ shape: 'circle', diameterM: 60 })).toBeCloseTo(188.48, 2);
  });

  it('refuses outlines that cannot be built', () => {
    const bad = [
      {
        shape: 'polyline',
        closed: true,
        points: [
          { x: 0, y: 0 },
          { x: 10, y: 0 },
        ],
      },
      {
        shape: 'polyline',
        closed: true,
        points: [
          { x: 0, y: 0 },
          { x: 10, y: 0 },
          { x: 20, y: 0 },
        ],
      },
      {
        shape: 'polyline',
        closed: false,
        points: [
          { x: 0, y: 0 },
          { x: 0, y: 0 },
        ],
      },
      { shape: 'circle', diameterM: -5 },
      { shape: 'rectangle', lengthM: 10 },
    ];
    for (const outline of bad) expect(outlineSchema.safeParse(outline).success).toBe(false);
  });
});
