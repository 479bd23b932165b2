// Where each panel is drawn on the wall plan: along its structure's wall lines, at its generated
// position when it has one, otherwise in sequence order with the lengths scaled to the outline
// (an imported register knows lengths, not positions). Pure geometry in metres.
import { pointAt, segmentsOf, wallLines, type Outline, type Point, type WallLine } from './outline';
import type { PanelPosition } from './panel';

export interface PlanPanel {
  id: string;
  lengthM: number;
  position: PanelPosition | null;
}

export interface PlacedPanel {
  id: string;
  /** The panel's centreline, bending round a corner for an L panel. */
  points: Point[];
  /** Where its code goes: the middle of the panel, pushed outwards. */
  label: Point;
  /** The direction the label is pushed (unit vector). */
  outward: Point;
}

const lineLengthOf = (line: WallLine) =>
  segmentsOf(line).reduce((sum, [a, b]) => sum + Math.hypot(b.x - a.x, b.y - a.y), 0);

/** The distances along a line at which it has a vertex. */
function vertexDistances(line: WallLine): number[] {
  const out = [0];
  let s = 0;
  for (const [a, b] of segmentsOf(line)) {
    s += Math.hypot(b.x - a.x, b.y - a.y);
    out.push(s);
  }
  return out;
}

/** The centreline from `from` to `to` metres along a line, through the vertices between. */
function stretch(line: WallLine, from: number, to: number): Point[] {
  const total = lineLengthOf(line);
  const inside: number[] = [];
  for (const v of vertexDistances(line))
    for (const s of line.closed ? [v - total, v, v + total] : [v])
      if (s > from + 1e-6 && s < to - 1e-6) inside.push(s);
  inside.sort((a, b) => a - b);
  // A closed line's first vertex is also its last: keep each bend once.
  const at = [from, ...inside, to].filter((s, i, all) => i === 0 || s - all[i - 1]! > 1e-6);
  return at.map((s) => pointAt(line, s));
}

/**
 * The band `width` wide round a centreline, as a polygon (one side out, the other back). At a bend
 * both sides meet in a mitre, so an L panel is drawn as a true L: its outer and inner edges stay
 * half the width from the wall line, whatever the angle (capped at twice the width for a hairpin).
 */
export function bandAround(points: readonly Point[], width: number): Point[] {
  const half = width / 2;
  const unitNormal = (a: Point, b: Point): Point => {
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
  };
  const offsets = points.map((p, i) => {
    const before = i > 0 ? unitNormal(points[i - 1]!, p) : null;
    const after = i < points.length - 1 ? unitNormal(p, points[i + 1]!) : null;
    const n1 = before ?? after!;
    const n2 = after ?? before!;
    const sum = { x: n1.x + n2.x, y: n1.y + n2.y };
    const len = Math.hypot(sum.x, sum.y);
    if (len < 1e-9) return { x: n1.x * half, y: n1.y * half };
    const mitre = { x: sum.x / len, y: sum.y / len };
    // The mitre's length makes the offset half the width from both segments.
    const scale = Math.min(4 * half, half / (mitre.x * n1.x + mitre.y * n1.y));
    return { x: mitre.x * scale, y: mitre.y * scale };
  });
  const side = (sign: number) =>
    points.map((p, i) => ({ x: p.x + sign * offsets[i]!.x, y: p.y + sign * offsets[i]!.y }));
  return [...side(1), ...side(-1).reverse()];
}

function centroid(lines: WallLine[]): Point {
  const all = lines.flatMap((l) => l.points);
  return {
    x: all.reduce((s, p) => s + p.x, 0) / all.length,
    y: all.reduce((s, p) => s + p.y, 0) / all.length,
  };
}

/** Positions for panels that have none: in order along the lines, scaled to fill them. */
function sequentialPositions(lines: WallLine[], panels: readonly PlanPanel[]): PanelPosition[] {
  const lengths = lines.map(lineLengthOf);
  const wall = lengths.reduce((a, b) => a + b, 0);
  const scale = wall / (panels.reduce((s, p) => s + p.lengthM, 0) || 1);
  let at = 0;
  return panels.map((panel) => {
    const from = at;
    at += panel.lengthM * scale;
    let line = 0;
    let offset = 0;
    while (line < lengths.length - 1 && (from + at) / 2 > offset + lengths[line]!) {
      offset += lengths[line]!;
      line += 1;
    }
    const max = lengths[line]!;
    return {
      line,
      fromM: Math.max(0, from - offset),
      toM: Math.min(max, at - offset),
      cornerAtM: null,
    };
  });
}

/** The unit normal of a line at `s`, on the side away from the outline's centre. */
function outwardAt(line: WallLine, s: number, centre: Point): Point {
  const a = pointAt(line, s - 0.05);
  const b = pointAt(line, s + 0.05);
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  let n = { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
  const mid = pointAt(line, s);
  if (n.x * (mid.x - centre.x) + n.y * (mid.y - centre.y) < 0) n = { x: -n.x, y: -n.y };
  return n;
}

export function placePanels(outline: Outline, panels: readonly PlanPanel[]): PlacedPanel[] {
  const lines = wallLines(outline);
  const centre = centroid(lines);
  // A generated panel keeps its place; one without (imported, or added by hand) is laid in order.
  const sequential = sequentialPositions(lines, panels);
  const positions = panels.map((p, i) =>
    p.position && p.position.line < lines.length ? p.position : sequential[i]!,
  );
  return panels.map((panel, i) => {
    const pos = positions[i]!;
    const line = lines[pos.line]!;
    const points = stretch(line, pos.fromM, pos.toM);
    const s = (pos.fromM + pos.toM) / 2;
    const mid = pointAt(line, s);
    return { id: panel.id, points, label: mid, outward: outwardAt(line, s, centre) };
  });
}
