import type { CrewDay } from './crews';
import type { DailyLog } from './daily-log';
import type { Shift, StageEvent } from './stages';

export type MissingItem =
  | { kind: 'weather' }
  | { kind: 'crews'; shift: Shift; teamIds: string[] }
  | { kind: 'staff' }
  | { kind: 'progress' };

/** Everything recorded for one site day, and what is still missing from it. */
export interface TodayView {
  siteDay: string;
  events: StageEvent[];
  crews: CrewDay;
  log: DailyLog | null;
  missing: MissingItem[];
}
