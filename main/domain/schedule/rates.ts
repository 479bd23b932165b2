// Production rates and stage cycle times.
import type { PanelType } from '../panel';
import type { PanelStage } from '../stages';
import { compileCalendar, dayNumber, workingDaysBetween, type WorkingCalendar } from './calendar';
import { quantile, round } from './numbers';

export const RATE_WINDOWS = [7, 14, 28, 'all'] as const;
export type RateWindow = (typeof RATE_WINDOWS)[number];

export interface ProductionRate {
  window: RateWindow;
  workingDays: number;
  panels: number;
  areaM2: number;
  panelsPerDay: number;
  areaM2PerDay: number;
}

/** Panels and m² of wall finished per working day over the last 7 / 14 / 28 working days and
 * since `since` (the first day of work). Reduced days count as working days here. */
export function productionRates(
  calendar: WorkingCalendar,
  finished: readonly { day: string; areaM2: number }[],
  asOf: string,
  since: string | null,
): ProductionRate[] {
  const capacity = compileCalendar(calendar);
  const end = dayNumber(asOf);
  const start = since ? dayNumber(since) : end + 1;
  const working: number[] = [];
  for (let n = end; n >= start; n--) if (capacity(n) > 0) working.push(n);
  return RATE_WINDOWS.map((window) => {
    const span = window === 'all' ? working : working.slice(0, window);
    const from = span.length > 0 ? span[span.length - 1]! : end + 1;
    let panels = 0;
    let areaM2 = 0;
    for (const f of finished) {
      const n = dayNumber(f.day);
      if (n >= from && n <= end) {
        panels += 1;
        areaM2 += f.areaM2;
      }
    }
    const days = span.length;
    return {
      window,
      workingDays: days,
      panels,
      areaM2: round(areaM2, 1),
      panelsPerDay: days > 0 ? round(panels / days, 2) : 0,
      areaM2PerDay: days > 0 ? round(areaM2 / days, 1) : 0,
    };
  });
}

export interface CycleTime {
  type: PanelType;
  /** Finished panels of this type the figures come from. */
  panels: number;
  /** Working days from excavation to concreting: median and 90th percentile. */
  medianDays: number | null;
  p90Days: number | null;
  /** Median working days from each stage to concreting: what is left once a stage is done. */
  toConcreting: Partial<Record<PanelStage, number>>;
}

export interface PanelStageDays {
  type: PanelType;
  /** The site day each stage was recorded on. */
  days: Partial<Record<PanelStage, string>>;
}

const CYCLE_STAGES: readonly PanelStage[] = [
  'excavation',
  'trench_acceptance',
  'desanding',
  'cage_lowered',
];

/** Per panel type, the working days from excavation to concreting over the finished panels. */
export function cycleTimes(
  calendar: WorkingCalendar,
  panels: readonly PanelStageDays[],
  types: readonly PanelType[],
): CycleTime[] {
  const capacity = compileCalendar(calendar);
  const between = (a: string, b: string) => workingDaysBetween(capacity, a, b);
  return types.map((type) => {
    const done = panels.filter((p) => p.type === type && p.days.excavation && p.days.concreting);
    const total = done.map((p) => between(p.days.excavation!, p.days.concreting!));
    total.sort((a, b) => a - b);
    const toConcreting: Partial<Record<PanelStage, number>> = {};
    for (const stage of CYCLE_STAGES) {
      const left = done
        .filter((p) => p.days[stage])
        .map((p) => between(p.days[stage]!, p.days.concreting!))
        .sort((a, b) => a - b);
      const median = quantile(left, 0.5);
      if (median !== null) toConcreting[stage] = median;
    }
    return {
      type,
      panels: done.length,
      medianDays: quantile(total, 0.5),
      p90Days: quantile(total, 0.9),
      toConcreting,
    };
  });
}
