// Planned against actual: the S-curve of a structure.
import { compileCalendar, dayNumber, dayOf, type WorkingCalendar } from './calendar';
import { round } from './numbers';

export interface CurvePoint {
  day: string;
  /** Planned cumulative panels, or null where there is no plan. */
  planned: number | null;
  /** Actual cumulative panels, up to the as-of day. */
  actual: number | null;
}

/**
 * The S-curve of a structure: planned cumulative panels spread over the working calendar between
 * the planned start and finish (a reduced day carries its share of a full day), and the actual
 * cumulative count of finished panels, one point per day from `from` to `to`.
 */
export function sCurve(
  calendar: WorkingCalendar,
  input: {
    total: number;
    plannedStart: string | null;
    plannedFinish: string | null;
    finishedDays: readonly string[];
    from: string;
    to: string;
    asOf: string;
  },
): CurvePoint[] {
  const capacity = compileCalendar(calendar);
  const [from, to, asOf] = [dayNumber(input.from), dayNumber(input.to), dayNumber(input.asOf)];
  const counts = new Map<number, number>();
  let before = 0;
  for (const d of input.finishedDays) {
    const n = dayNumber(d);
    if (n < from) before += 1;
    else counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let ps = input.plannedStart ? dayNumber(input.plannedStart) : null;
  let pf = input.plannedFinish ? dayNumber(input.plannedFinish) : null;
  if (ps !== null && pf !== null && pf < ps) [ps, pf] = [null, null];
  let planWeight = 0;
  if (ps !== null && pf !== null) for (let n = ps; n <= pf; n++) planWeight += capacity(n);
  let plannedSoFar = 0;
  if (ps !== null && pf !== null)
    for (let n = ps; n < Math.min(from, pf + 1); n++) plannedSoFar += capacity(n);
  const points: CurvePoint[] = [];
  let actual = before;
  for (let n = from; n <= to; n++) {
    actual += counts.get(n) ?? 0;
    let planned: number | null = null;
    if (ps !== null && pf !== null) {
      if (n >= ps && n <= pf) plannedSoFar += capacity(n);
      planned =
        planWeight > 0
          ? round((input.total * plannedSoFar) / planWeight, 2)
          : n >= pf
            ? input.total
            : 0;
    }
    points.push({ day: dayOf(n), planned, actual: n <= asOf ? actual : null });
  }
  return points;
}
