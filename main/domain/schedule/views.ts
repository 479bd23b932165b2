// What the Schedule screen, the CLI and the daily sheet receive.
import type { DueDateChange, MilestoneView } from '../project';
import type { WorkingCalendar } from './calendar';
import type { CurvePoint } from './curve';
import type { LookAheadDay, MilestoneForecast } from './milestones';
import type { CycleTime, ProductionRate } from './rates';

export interface StructureSchedule {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  plannedStart: string | null;
  plannedFinish: string | null;
  total: number;
  finished: number;
  rates: ProductionRate[];
}

export interface MilestoneSchedule extends Omit<MilestoneView, 'scopePanelIds'> {
  forecast: MilestoneForecast;
  changes: DueDateChange[];
}

export interface ScheduleView {
  projectId: string;
  asOf: string;
  calendar: WorkingCalendar;
  structures: StructureSchedule[];
  /** Panels finished and m² per working day over the whole project. */
  rates: ProductionRate[];
  cycleTimes: CycleTime[];
  milestones: MilestoneSchedule[];
  lookAhead: LookAheadDay[];
}

export interface StructureCurve {
  structureId: string;
  asOf: string;
  points: CurvePoint[];
}
