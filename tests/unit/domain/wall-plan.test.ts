// Where the wall plan draws panels: every corner panel is a true L, the same at each corner.
import { describe, expect, it } from 'vitest';
import type { Outline, Point } from '../../../main/domain/outline';
import { generateLayout } from '../../../main/domain/panel-layout';
import { bandAround, placePanels } from '../../../main/domain/wall-plan';

/** The distance from a point to the infinite line through a and b. */
function distanceToLine(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  return Math.abs((p.x - a.x) * dy - (p.y - a.y) * dx) / Math.hypot(dx, dy);
}

/** Each edge of the band along the centreline lies half the width from its segment's line. */
function edgesOffsetBy(band: Point[], centre: readonly Point[]): number[] {
  const n = centre.length;
  const sides = [band.slice(0, n), band.slice(n).reverse()];
  return sides.flatMap((side) =>
    centre.slice(1).flatMap((q, i) => {
      const p = centre[i]!;
      return [distanceToLine(side[i]!, p, q), distanceToLine(side[i + 1]!, p, q)];
    }),
  );
}

describe('wall plan', () => {
  const outline: Outline = { shape: 'rectangle', lengthM: 36, widthM: 24 };
  const layout = generateLayout({
    outline,
    primaryLengthM: 6,
    secondaryLengthM: 4,
    thicknessM: 1,
    designDepthM: 40,
  });
  const placed = placePanels(
    outline,
    layout.panels.map((p) => ({
      id: p.code,
      lengthM: p.lengthM,
      position: { line: p.line, fromM: p.fromM, toM: p.toM, cornerAtM: p.cornerAtM },
    })),
  );

  it('draws every corner of a rectangle as the same true L, the first one too', () => {
    const corners = layout.panels.filter((p) => p.cornerAtM !== null).map((p) => p.code);
    expect(corners).toHaveLength(4);
    const shapes = corners.map((code) => {
      const place = placed.find((p) => p.id === code)!;
      // Three points: leg, corner, leg; the closed line's first vertex is not drawn twice.
      expect(place.points).toHaveLength(3);
      const band = bandAround(place.points, 1);
      expect(band).toHaveLength(6);
      // Both edges stay half the thickness from the wall line, round the bend too: no wedge.
      for (const d of edgesOffsetBy(band, place.points)) expect(d).toBeCloseTo(0.5, 9);
      // The outer and inner corners lie on the corner's diagonal, √2 × 0.5 m from it.
      const corner = place.points[1]!;
      const bend = [band[1]!, band[4]!].map((p) => Math.hypot(p.x - corner.x, p.y - corner.y));
      expect(bend.map((d) => d.toFixed(6))).toEqual([
        Math.SQRT1_2.toFixed(6),
        Math.SQRT1_2.toFixed(6),
      ]);
      return band;
    });
    // The four are one shape turned: the same area each.
    const area = (ps: Point[]) =>
      Math.abs(
        ps.reduce(
          (s, p, i) => s + p.x * ps[(i + 1) % ps.length]!.y - ps[(i + 1) % ps.length]!.x * p.y,
          0,
        ),
      ) / 2;
    for (const band of shapes) expect(area(band)).toBeCloseTo(6 * 1, 9);
  });

  it('draws a straight panel as a rectangle of its length and thickness', () => {
    const place = placed.find((p) => p.id === 'B1')!;
    const band = bandAround(place.points, 1);
    expect(band).toHaveLength(4);
    for (const d of edgesOffsetBy(band, place.points)) expect(d).toBeCloseTo(0.5, 9);
  });
});
