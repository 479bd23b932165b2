// The panel layout generator: from a structure's outline and the nominal panel lengths it proposes
// the panels around each wall line. Primaries (A) and secondaries (B) alternate; a corner where the
// line turns is one L-shaped primary whose legs run along both sides; where the lengths do not
// divide, a closing panel (C) takes up the difference (or two, either side of a primary, when one
// would be too long). Pure: the engineer sees the proposal on the wall plan before it is saved.
import { z } from 'zod';
import { AppError } from './errors';
import {
  cornersOf,
  outlineSchema,
  segmentsOf,
  wallLines,
  type Outline,
  type WallLine,
} from './outline';

export { cornersOf } from './outline';
import { theoreticalVolume, type Panel, type PanelType } from './panel';
import { parseOrThrow } from './validation';

export const layoutInputSchema = z
  .object({
    outline: outlineSchema,
    primaryLengthM: z.number().min(1).max(12),
    secondaryLengthM: z.number().min(1).max(12),
    thicknessM: z.number().gt(0).max(3),
    designDepthM: z.number().gt(0).max(150),
    topLevelM: z.number().min(-200).max(200).default(0),
  })
  .strict();
export type LayoutInput = z.input<typeof layoutInputSchema>;

/** One proposed panel: its design data and where it lies on its wall line. */
export interface LaidPanel extends Pick<
  Panel,
  | 'code'
  | 'type'
  | 'sequence'
  | 'lengthM'
  | 'thicknessM'
  | 'designDepthM'
  | 'topLevelM'
  | 'toeLevelM'
  | 'theoreticalVolumeM3'
> {
  /** Which wall line, and the stretch of it (metres from its start; a corner may start below 0). */
  line: number;
  fromM: number;
  toM: number;
  /** An L panel: the distance along the line of the corner it turns round. */
  cornerAtM: number | null;
}

export interface PanelLayout {
  panels: LaidPanel[];
  wallLengthM: number;
  counts: Record<PanelType, number> & { corner: number };
}

const EPSILON_M = 0.005;

type Bound = 'primary' | 'free';
type Piece = { type: PanelType; lengthM: number };

/**
 * The panels of one run of wall between two bounds (a corner panel, which is a primary, or the
 * free end of an open line): the alternating sequence whose closing panel stays nearest the
 * nominal secondary length, or null when nothing fits.
 */
export function fillRun(
  lengthM: number,
  start: Bound,
  end: Bound,
  a: number,
  b: number,
): Piece[] | null {
  const first: PanelType = start === 'primary' ? 'secondary' : 'primary';
  const last: PanelType = end === 'primary' ? 'secondary' : 'primary';
  let best: { pieces: Piece[]; score: number } | null = null;
  const most = Math.ceil(lengthM / Math.min(a, b)) + 2;
  for (let k = 1; k <= most; k++) {
    const types = Array.from({ length: k }, (_, i): PanelType =>
      i % 2 === 0 ? first : first === 'primary' ? 'secondary' : 'primary',
    );
    if (types.at(-1) !== last) continue;
    for (const pieces of closings(types, lengthM, a, b)) {
      const score = pieces.reduce(
        (sum, p) => sum + (p.type === 'closing' ? Math.abs(p.lengthM - b) + 0.001 : 0),
        0,
      );
      if (!best || score < best.score - 1e-9) best = { pieces, score };
    }
  }
  return best?.pieces ?? null;
}

/** The ways a run of these types takes up its slack: exactly, one closing panel, or two. */
function closings(types: PanelType[], lengthM: number, a: number, b: number): Piece[][] {
  const nominal = (t: PanelType) => (t === 'primary' ? a : b);
  const slack = lengthM - types.reduce((sum, t) => sum + nominal(t), 0);
  const pieces = types.map((type) => ({ type, lengthM: nominal(type) }));
  if (Math.abs(slack) < EPSILON_M) return [pieces];
  const secondaries = types.flatMap((t, i) => (t === 'secondary' ? [i] : []));
  const out: Piece[][] = [];
  const [cMin, cMax] = [0.5 * b, 1.5 * b];
  if (!secondaries.length) {
    // A lone primary between two free ends takes the whole run.
    if (types.length === 1 && lengthM >= 0.5 * a && lengthM <= 1.5 * a)
      out.push([{ type: 'primary', lengthM }]);
    return out;
  }
  const mid = secondaries[Math.floor(secondaries.length / 2)]!;
  const single = b + slack;
  if (single >= cMin && single <= cMax)
    out.push(pieces.map((p, i) => (i === mid ? { type: 'closing', lengthM: single } : p)));
  const split = (b + slack - a) / 2;
  if (split >= cMin && split <= cMax) {
    const closing: Piece = { type: 'closing', lengthM: split };
    out.push([
      ...pieces.slice(0, mid),
      closing,
      { type: 'primary', lengthM: a },
      closing,
      ...pieces.slice(mid + 1),
    ]);
  }
  return out;
}

interface Stretch extends Piece {
  fromM: number;
  toM: number;
  cornerAtM: number | null;
}

/** Lays one wall line: its corners first, then each run between them. */
function layLine(line: WallLine, index: number, a: number, b: number): Stretch[] {
  const total = segmentsOf(line).reduce((s, [p, q]) => s + Math.hypot(q.x - p.x, q.y - p.y), 0);
  const corners = cornersOf(line);
  const leg = a / 2;
  const out: Stretch[] = [];
  const run = (from: number, to: number, start: Bound, end: Bound) => {
    const pieces = fillRun(to - from, start, end, a, b);
    if (!pieces)
      throw new AppError('input.invalid', {
        issues: [
          {
            path: 'outline',
            message: `wall ${index + 1}: ${(to - from).toFixed(2)} m from ${from.toFixed(2)} m takes no panels of ${a} m and ${b} m`,
          },
        ],
      });
    let s = from;
    for (const p of pieces) {
      out.push({ ...p, fromM: s, toM: s + p.lengthM, cornerAtM: null });
      s += p.lengthM;
    }
  };
  if (!corners.length) {
    if (!line.closed) run(0, total, 'free', 'free');
    else {
      out.push({ type: 'primary', lengthM: a, fromM: 0, toM: a, cornerAtM: null });
      run(a, total, 'primary', 'primary');
    }
    return out;
  }
  const corner = (at: number) =>
    out.push({ type: 'primary', lengthM: 2 * leg, fromM: at - leg, toM: at + leg, cornerAtM: at });
  if (!line.closed) run(0, corners[0]! - leg, 'free', 'primary');
  corners.forEach((at, i) => {
    corner(at);
    const next = corners[i + 1] ?? (line.closed ? corners[0]! + total : null);
    if (next === null) run(at + leg, total, 'primary', 'free');
    else run(at + leg, next - leg, 'primary', 'primary');
  });
  return out;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Proposes the panels of a whole outline; a wall that takes no sensible panels is refused. */
export function generateLayout(input: LayoutInput): PanelLayout {
  const spec = parseOrThrow(layoutInputSchema, input);
  const lines = wallLines(spec.outline as Outline);
  const a = spec.primaryLengthM;
  const b = spec.secondaryLengthM;
  const counters: Record<PanelType, number> = { primary: 0, secondary: 0, closing: 0 };
  const prefix: Record<PanelType, string> = { primary: 'A', secondary: 'B', closing: 'C' };
  const panels: LaidPanel[] = [];
  let wallLengthM = 0;
  lines.forEach((line, index) => {
    wallLengthM += segmentsOf(line).reduce((s, [p, q]) => s + Math.hypot(q.x - p.x, q.y - p.y), 0);
    for (const stretch of layLine(line, index, a, b)) {
      counters[stretch.type] += 1;
      const lengthM = round(stretch.lengthM);
      const design = { lengthM, thicknessM: spec.thicknessM, designDepthM: spec.designDepthM };
      panels.push({
        code: `${prefix[stretch.type]}${counters[stretch.type]}`,
        type: stretch.type,
        sequence: panels.length + 1,
        ...design,
        topLevelM: spec.topLevelM,
        toeLevelM: round(spec.topLevelM - spec.designDepthM),
        theoreticalVolumeM3: theoreticalVolume(design),
        line: index,
        fromM: round(stretch.fromM),
        toM: round(stretch.toM),
        cornerAtM: stretch.cornerAtM === null ? null : round(stretch.cornerAtM),
      });
    }
  });
  return {
    panels,
    wallLengthM: round(wallLengthM, 2),
    counts: { ...counters, corner: panels.filter((p) => p.cornerAtM !== null).length },
  };
}
