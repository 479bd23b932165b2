import type { Team } from './project';
import type { Shift } from './stages';

export const CREW_FIELDS = ['headcount', 'hours', 'foreman'] as const;
export type CrewField = (typeof CREW_FIELDS)[number];

export interface CrewShiftRecord {
  id: string;
  siteDay: string;
  shift: Shift;
  teamId: string;
  headcount: number;
  hours: number;
  foreman: string | null;
  /** The version of each field as read (for a form's save); only where a form needs them. */
  versions?: Record<CrewField, string | null>;
}

export interface CrewTotals {
  day: number;
  night: number;
  workers: number;
  staff: number | null;
  /** Against the plan range: flagged, never rejected. */
  plan: 'below' | 'within' | 'above';
}

/** Workers on site for a day: every shift record adds up (records are never merged counters). */
export function crewTotals(
  records: readonly Pick<CrewShiftRecord, 'shift' | 'headcount'>[],
  staff: number | null,
  plan: { minWorkers: number; maxWorkers: number },
): CrewTotals {
  let day = 0;
  let night = 0;
  for (const r of records) {
    if (r.shift === 'day') day += r.headcount;
    else night += r.headcount;
  }
  const workers = day + night;
  const status =
    workers < plan.minWorkers ? 'below' : workers > plan.maxWorkers ? 'above' : 'within';
  return { day, night, workers, staff, plan: status };
}

export interface CrewDay {
  siteDay: string;
  teams: Team[];
  records: CrewShiftRecord[];
  staff: number | null;
  totals: CrewTotals;
  plan: { minWorkers: number; maxWorkers: number };
}
