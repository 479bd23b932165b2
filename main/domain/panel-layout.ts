// The panel layout generator: from a structure's outline and the nominal panel lengths it proposes
// the panels around each wall line. Primaries (A) and secondaries (B) alternate; a corner where the
// line turns is one L-shaped primary whose legs run along both sides; where the lengths do not
// divide, a closing panel (C) takes up the difference (or two, either side of a primary, when one
// would be too long), and where no closing panel fits the lengths are evened out instead. No panel
// is shorter or longer than the project allows (its settings; 3–8 m by default). Pure: the
// engineer sees the proposal on the wall plan before it is saved.
import { z } from 'zod';
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
import { DEFAULT_PANEL_LENGTHS, panelLengthsSchema } from './settings';
import { invalid, issue, parseOrThrow } from './validation';

export const layoutInputSchema = z
  .object({
    outline: outlineSchema,
    primaryLengthM: z.number().min(1).max(12),
    secondaryLengthM: z.number().min(1).max(12),
    thicknessM: z.number().gt(0).max(3),
    designDepthM: z.number().gt(0).max(150),
    topLevelM: z.number().min(-200).max(200).default(0),
    /** The project's shortest and longest panel (its settings). */
    panelLengths: panelLengthsSchema.default(DEFAULT_PANEL_LENGTHS),
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
  /** Corners are primaries: `corner` counts the primaries that are L panels. */
  counts: Record<PanelType, number> & { corner: number };
  shortestM: number;
  longestM: number;
}

const EPSILON_M = 0.005;

type Bound = 'primary' | 'free';
type Piece = { type: PanelType; lengthM: number };
/** What a run is filled with: the nominal lengths, and the shortest and longest panel allowed. */
export interface RunSpec {
  a: number;
  b: number;
  minM: number;
  maxM: number;
}

/**
 * The panels of one run of wall between two bounds (a corner panel, which is a primary, or the
 * free end of an open line), or null when nothing fits between the shortest and longest panel.
 * In order of preference: the nominal lengths with a closing panel (or two) that stays near the
 * nominal secondary length; else the secondaries' lengths evened out over the run; else every
 * panel's (DOMAIN.md: a layout redistributes rather than leave a short closer).
 */
export function fillRun(lengthM: number, start: Bound, end: Bound, spec: RunSpec): Piece[] | null {
  const first: PanelType = start === 'primary' ? 'secondary' : 'primary';
  const last: PanelType = end === 'primary' ? 'secondary' : 'primary';
  const tiers: { pieces: Piece[]; score: number }[][] = [[], [], []];
  const most = Math.ceil(lengthM / Math.min(spec.a, spec.b, spec.minM)) + 2;
  for (let k = 1; k <= most; k++) {
    const types = Array.from({ length: k }, (_, i): PanelType =>
      i % 2 === 0 ? first : first === 'primary' ? 'secondary' : 'primary',
    );
    if (types.at(-1) !== last) continue;
    for (const pieces of closings(types, lengthM, spec))
      tiers[0]!.push({
        pieces,
        score: pieces.reduce(
          (sum, p) => sum + (p.type === 'closing' ? Math.abs(p.lengthM - spec.b) + 0.001 : 0),
          0,
        ),
      });
    for (const [tier, adjusts] of [
      [1, (t: PanelType) => t === 'secondary'],
      [2, () => true],
    ] as const) {
      const pieces = spread(types, lengthM, spec, adjusts);
      if (pieces) tiers[tier]!.push({ pieces, score: deviation(pieces, spec) });
    }
  }
  for (const tier of tiers) {
    // The first best wins: fewer panels on a tie.
    const best = tier.reduce<(typeof tier)[number] | null>(
      (b, c) => (!b || c.score < b.score - 1e-9 ? c : b),
      null,
    );
    if (best) return best.pieces;
  }
  return null;
}

const nominalOf = (t: PanelType, spec: RunSpec) => (t === 'primary' ? spec.a : spec.b);
const deviation = (pieces: Piece[], spec: RunSpec) =>
  Math.max(...pieces.map((p) => Math.abs(p.lengthM - nominalOf(p.type, spec))));
const inBounds = (lengthM: number, spec: RunSpec) =>
  lengthM >= spec.minM - 1e-9 && lengthM <= spec.maxM + 1e-9;

/** The ways a run of these types takes up its slack: exactly, one closing panel, or two. */
function closings(types: PanelType[], lengthM: number, spec: RunSpec): Piece[][] {
  const { a, b } = spec;
  const slack = lengthM - types.reduce((sum, t) => sum + nominalOf(t, spec), 0);
  const pieces = types.map((type) => ({ type, lengthM: nominalOf(type, spec) }));
  if (Math.abs(slack) < EPSILON_M) return [pieces];
  const secondaries = types.flatMap((t, i) => (t === 'secondary' ? [i] : []));
  if (!secondaries.length) return [];
  const out: Piece[][] = [];
  // A closing panel stays within half a secondary of its nominal length, and within the bounds.
  const fits = (c: number) => c >= 0.5 * b && c <= 1.5 * b && inBounds(c, spec);
  const mid = secondaries[Math.floor(secondaries.length / 2)]!;
  const single = b + slack;
  if (fits(single))
    out.push(pieces.map((p, i) => (i === mid ? { type: 'closing', lengthM: single } : p)));
  const split = (b + slack - a) / 2;
  if (fits(split)) {
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

/**
 * The run's slack spread evenly over the panels that adjust, each kept between the shortest and
 * longest panel (one that reaches a bound stays there and the rest take more); null when they
 * cannot take it all.
 */
function spread(
  types: PanelType[],
  lengthM: number,
  spec: RunSpec,
  adjusts: (t: PanelType) => boolean,
): Piece[] | null {
  const fixed = types.filter((t) => !adjusts(t));
  const moving = types.filter(adjusts);
  if (!moving.length || fixed.some((t) => !inBounds(nominalOf(t, spec), spec))) return null;
  const target = lengthM - fixed.reduce((s, t) => s + nominalOf(t, spec), 0);
  if (target < moving.length * spec.minM - 1e-9 || target > moving.length * spec.maxM + 1e-9)
    return null;
  const at = (shift: number) => (t: PanelType) =>
    Math.min(spec.maxM, Math.max(spec.minM, nominalOf(t, spec) + shift));
  // The total grows with the shift: bisect for the one that fills the run.
  let [lo, hi] = [-spec.maxM - spec.a - spec.b, spec.maxM + spec.a + spec.b];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (moving.map(at(mid)).reduce((s, x) => s + x, 0) < target) lo = mid;
    else hi = mid;
  }
  const length = at((lo + hi) / 2);
  const pieces = types.map((type) => ({
    type,
    lengthM: adjusts(type) ? length(type) : nominalOf(type, spec),
  }));
  return toMillimetres(pieces, lengthM, spec, adjusts);
}

/** Lengths a site can set out: whole millimetres, the rounding taken up by one adjusted panel. */
function toMillimetres(
  pieces: Piece[],
  lengthM: number,
  spec: RunSpec,
  adjusts: (t: PanelType) => boolean,
): Piece[] {
  const mm = pieces.map((p) => ({ ...p, lengthM: Math.round(p.lengthM * 1000) / 1000 }));
  const rest = lengthM - mm.reduce((s, p) => s + p.lengthM, 0);
  const moving = mm.flatMap((p, i) => (adjusts(p.type) ? [i] : []));
  const taker = moving[Math.floor(moving.length / 2)]!;
  const taken = mm[taker]!.lengthM + rest;
  if (!inBounds(taken, spec)) return pieces;
  mm[taker] = { ...mm[taker]!, lengthM: taken };
  return mm;
}

interface Stretch extends Piece {
  fromM: number;
  toM: number;
  cornerAtM: number | null;
}

/** Lays one wall line: its corners first, then each run between them. */
function layLine(line: WallLine, index: number, spec: RunSpec): Stretch[] {
  const total = segmentsOf(line).reduce((s, [p, q]) => s + Math.hypot(q.x - p.x, q.y - p.y), 0);
  const corners = cornersOf(line);
  const { a } = spec;
  const leg = a / 2;
  const out: Stretch[] = [];
  const run = (from: number, to: number, start: Bound, end: Bound) => {
    if (to - from < EPSILON_M && start === 'primary' && end === 'primary')
      throw invalid(
        issue(
          'outline',
          'issues.cornersOverlap',
          `wall ${index + 1}: the side from ${(from - leg).toFixed(2)} m is shorter than its corner panels`,
          { wall: index + 1, side: round(to - from + a, 2), from: round(from - leg, 2), a },
        ),
      );
    const pieces = to - from > 0 ? fillRun(to - from, start, end, spec) : null;
    if (!pieces)
      throw invalid(
        issue(
          'outline',
          'issues.runTakesNoPanels',
          `wall ${index + 1}: ${(to - from).toFixed(2)} m from ${from.toFixed(2)} m takes no panels of ${spec.minM}–${spec.maxM} m`,
          {
            wall: index + 1,
            length: round(to - from, 2),
            from: round(from, 2),
            min: spec.minM,
            max: spec.maxM,
          },
        ),
      );
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

/** The nominal lengths must themselves be panels the site allows. */
function checkNominal(spec: RunSpec): void {
  const outside = (
    [
      ['primaryLengthM', spec.a],
      ['secondaryLengthM', spec.b],
    ] as const
  ).filter(([, length]) => !inBounds(length, spec));
  if (outside.length)
    throw invalid(
      ...outside.map(([path, length]) =>
        issue(path, 'issues.panelLength', `${length} m is outside ${spec.minM}–${spec.maxM} m`, {
          min: spec.minM,
          max: spec.maxM,
        }),
      ),
    );
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Proposes the panels of a whole outline; a wall that takes no sensible panels is refused. */
export function generateLayout(input: LayoutInput): PanelLayout {
  const spec = parseOrThrow(layoutInputSchema, input);
  const lines = wallLines(spec.outline as Outline);
  const runSpec: RunSpec = {
    a: spec.primaryLengthM,
    b: spec.secondaryLengthM,
    ...spec.panelLengths,
  };
  checkNominal(runSpec);
  const counters: Record<PanelType, number> = { primary: 0, secondary: 0, closing: 0 };
  const prefix: Record<PanelType, string> = { primary: 'A', secondary: 'B', closing: 'C' };
  const panels: LaidPanel[] = [];
  let wallLengthM = 0;
  lines.forEach((line, index) => {
    wallLengthM += segmentsOf(line).reduce((s, [p, q]) => s + Math.hypot(q.x - p.x, q.y - p.y), 0);
    for (const stretch of layLine(line, index, runSpec)) {
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
  const lengths = panels.map((p) => p.lengthM);
  return {
    panels,
    wallLengthM: round(wallLengthM, 2),
    counts: { ...counters, corner: panels.filter((p) => p.cornerAtM !== null).length },
    shortestM: Math.min(...lengths),
    longestM: Math.max(...lengths),
  };
}
