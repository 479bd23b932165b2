// A structure's plan outline in metres, and the wall lines it gives: the centrelines the panels are
// laid along. A rectangle or a circle is one closed line; a cut-and-cover section is two parallel
// open lines; a polyline is one line, closed or open, through its points.
import { z } from 'zod';

export const OUTLINE_SHAPES = ['rectangle', 'circle', 'parallel', 'polyline'] as const;
export type OutlineShape = (typeof OUTLINE_SHAPES)[number];

/** Longest wall a structure may have: 20 km of centreline is far beyond any diaphragm wall. */
const MAX_METRES = 20_000;
const metres = z.number().gt(0).max(MAX_METRES);
const coordinate = z.number().min(-MAX_METRES).max(MAX_METRES);
export const pointSchema = z.object({ x: coordinate, y: coordinate }).strict();
export type Point = z.infer<typeof pointSchema>;

export const outlineSchema = z.discriminatedUnion('shape', [
  z.object({ shape: z.literal('rectangle'), lengthM: metres, widthM: metres }).strict(),
  z.object({ shape: z.literal('circle'), diameterM: metres }).strict(),
  /** Two parallel walls `widthM` apart, each `lengthM` long (a cut-and-cover section). */
  z.object({ shape: z.literal('parallel'), lengthM: metres, widthM: metres }).strict(),
  z
    .object({
      shape: z.literal('polyline'),
      closed: z.boolean(),
      points: z.array(pointSchema).min(2).max(500),
    })
    .strict()
    .superRefine((o, ctx) => {
      for (const issue of polylineProblems(o.points, o.closed))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }),
]);
export type Outline = z.infer<typeof outlineSchema>;

/** A wall's centreline: its points in order, and whether it returns to the first. */
export interface WallLine {
  points: Point[];
  closed: boolean;
}

/** Points closer than this (metres) are one point. */
const SAME_POINT_M = 0.01;

const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

function polylineProblems(points: Point[], closed: boolean): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const distinct = closed && points.length > 1 && samePoint(points[0]!, points.at(-1)!);
  const list = distinct ? points.slice(0, -1) : points;
  if (closed && list.length < 3)
    problems.push({ path: ['points'], message: 'a closed outline needs at least 3 points' });
  for (let i = 1; i < list.length; i++)
    if (samePoint(list[i - 1]!, list[i]!))
      problems.push({ path: ['points', String(i)], message: 'repeats the point before it' });
  if (closed && list.length >= 3 && Math.abs(signedArea(list)) < 1)
    problems.push({ path: ['points'], message: 'the outline encloses no area' });
  return problems;
}

const samePoint = (a: Point, b: Point) => distance(a, b) < SAME_POINT_M;

/** Twice the signed area (shoelace); positive counter-clockwise. */
function signedArea(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Segments a circle is drawn with: short enough that a 3 m panel is a straight chord on it. */
function circleSegments(diameterM: number): number {
  return Math.max(24, Math.min(720, Math.ceil((Math.PI * diameterM) / 1.5)));
}

/**
 * The wall centrelines of an outline. Rectangles start at the top-left corner and run clockwise
 * on screen (y grows downwards), circles start at the top, parallel walls run left to right.
 */
export function wallLines(outline: Outline): WallLine[] {
  switch (outline.shape) {
    case 'rectangle': {
      const { lengthM: l, widthM: w } = outline;
      const points = [
        { x: 0, y: 0 },
        { x: l, y: 0 },
        { x: l, y: w },
        { x: 0, y: w },
      ];
      return [{ points, closed: true }];
    }
    case 'circle': {
      const r = outline.diameterM / 2;
      const n = circleSegments(outline.diameterM);
      const points = Array.from({ length: n }, (_, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
        return { x: r + r * Math.cos(angle), y: r + r * Math.sin(angle) };
      });
      return [{ points, closed: true }];
    }
    case 'parallel':
      return [0, outline.widthM].map((y) => ({
        points: [
          { x: 0, y },
          { x: outline.lengthM, y },
        ],
        closed: false,
      }));
    case 'polyline': {
      const pts = outline.points;
      const drop = outline.closed && pts.length > 1 && samePoint(pts[0]!, pts.at(-1)!);
      return [{ points: drop ? pts.slice(0, -1) : [...pts], closed: outline.closed }];
    }
  }
}

/** Whether the outline encloses its structure (a shaft must; a cut-and-cover section need not). */
export const isClosedOutline = (outline: Outline) =>
  outline.shape === 'rectangle' ||
  outline.shape === 'circle' ||
  (outline.shape === 'polyline' && outline.closed);

/** The segments of a line, closing it back to its first point when closed. */
export function segmentsOf(line: WallLine): [Point, Point][] {
  const { points, closed } = line;
  const segments: [Point, Point][] = [];
  for (let i = 1; i < points.length; i++) segments.push([points[i - 1]!, points[i]!]);
  if (closed && points.length > 2) segments.push([points.at(-1)!, points[0]!]);
  return segments;
}

export const lineLength = (line: WallLine) =>
  segmentsOf(line).reduce((sum, [a, b]) => sum + distance(a, b), 0);

/** The total centreline length of an outline's walls, in metres. */
export const wallLength = (outline: Outline) =>
  wallLines(outline).reduce((sum, line) => sum + lineLength(line), 0);

/** The point `s` metres along a line from its start (wrapping round a closed line). */
export function pointAt(line: WallLine, s: number): Point {
  const segments = segmentsOf(line);
  const total = lineLength(line);
  let rest = line.closed ? ((s % total) + total) % total : Math.max(0, Math.min(total, s));
  for (const [a, b] of segments) {
    const len = distance(a, b);
    if (rest <= len) {
      const t = len === 0 ? 0 : rest / len;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    rest -= len;
  }
  return segments.at(-1)?.[1] ?? line.points[0]!;
}

/** The bounding box of an outline's walls, for drawing it to scale. */
export function outlineBounds(outline: Outline): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  const all = wallLines(outline).flatMap((l) => l.points);
  return {
    minX: Math.min(...all.map((p) => p.x)),
    minY: Math.min(...all.map((p) => p.y)),
    maxX: Math.max(...all.map((p) => p.x)),
    maxY: Math.max(...all.map((p) => p.y)),
  };
}

/** A line turning by more than this (degrees) at a vertex has a corner there. */
const CORNER_DEGREES = 30;

/** Where each corner of a line is, in metres from its start. */
export function cornersOf(line: WallLine): number[] {
  const segments = segmentsOf(line);
  const corners: number[] = [];
  let s = 0;
  const turns = (a: (typeof segments)[number], b: (typeof segments)[number]) => {
    const [p, q] = a;
    const [, r] = b;
    const angle = Math.atan2(r.y - q.y, r.x - q.x) - Math.atan2(q.y - p.y, q.x - p.x);
    const degrees = Math.abs((((angle * 180) / Math.PI + 540) % 360) - 180);
    return degrees > CORNER_DEGREES;
  };
  if (line.closed && segments.length > 2 && turns(segments.at(-1)!, segments[0]!)) corners.push(0);
  for (let i = 0; i < segments.length; i++) {
    const [a, b] = segments[i]!;
    s += Math.hypot(b.x - a.x, b.y - a.y);
    const next = segments[i + 1];
    if (next && turns(segments[i]!, next)) corners.push(s);
  }
  return corners;
}

/**
 * The longest straight run of wall between corners (or ends): no straight panel can be longer.
 * A line without corners (a circle) is one run all the way round.
 */
export function longestRun(outline: Outline): number {
  let longest = 0;
  for (const line of wallLines(outline)) {
    const total = lineLength(line);
    const corners = cornersOf(line);
    const stops = line.closed ? [...corners, (corners[0] ?? 0) + total] : [0, ...corners, total];
    if (line.closed && corners.length === 0) longest = Math.max(longest, total);
    for (let i = 1; i < stops.length; i++) longest = Math.max(longest, stops[i]! - stops[i - 1]!);
  }
  return longest;
}
