import type { CrewDay } from './crews';
import type { DailyLog } from './daily-log';
import type { Project } from './project';
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

/**
 * What the first screen needs, read at once: whether this laptop has yet to choose a project, the
 * project it opens, and that project's opening day.
 */
export interface Opening {
  firstRun: boolean;
  project: Project | null;
  today: TodayView | null;
}
