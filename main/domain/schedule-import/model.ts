// What the planners' schedule files give the app: activities and milestones with their WBS path
// and dates, from a Primavera P6 XER or a Microsoft Project XML (MSPDI) file.
export type ActivityStatus = 'not_started' | 'active' | 'complete';

/**
 * What kind of activity it is, as P6 types them (TASK.task_type): task dependent, resource
 * dependent, start and finish milestones, level of effort, WBS summary. A Microsoft Project file's
 * tasks are tasks or finish milestones (its summary tasks are the WBS itself).
 */
export const ACTIVITY_KINDS = [
  'task',
  'resource',
  'start_milestone',
  'finish_milestone',
  'level_of_effort',
  'wbs_summary',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** How many activities of each kind, in the order of ACTIVITY_KINDS (kinds with none left out). */
export function activityKinds(activities: readonly { kind: ActivityKind }[]) {
  return ACTIVITY_KINDS.map((kind) => ({
    kind,
    count: activities.filter((a) => a.kind === kind).length,
  })).filter((k) => k.count > 0);
}

export interface ScheduleActivity {
  /** The activity code (P6 task_code, MSPDI WBS or ID): what a re-import matches on. */
  code: string;
  name: string;
  /** The WBS from the top: each node's name. */
  wbsPath: string[];
  kind: ActivityKind;
  milestone: boolean;
  /** Target or baseline dates (kept as planned), current (forecast) and actual, YYYY-MM-DD. */
  baselineStart: string | null;
  baselineFinish: string | null;
  currentStart: string | null;
  currentFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  status: ActivityStatus;
}

export interface ParsedSchedule {
  format: 'xer' | 'mspdi';
  /** How the bytes were read: utf-8, gb18030 or windows-1252. */
  encoding: string;
  projects: { code: string; name: string }[];
  activities: ScheduleActivity[];
}

/** Limits a schedule file is held to before and while it is parsed. */
export const SCHEDULE_LIMITS = {
  bytes: 50 * 1024 * 1024,
  lineChars: 100_000,
  rows: 500_000,
  activities: 100_000,
} as const;

/** "2023-02-20 17:00" or "2023-02-20T17:00:00" → "2023-02-20"; anything else → null. */
export function dayOfStamp(value: string | undefined | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The day a milestone imported from this activity is due: its current date, else its target. */
export function activityDue(a: ScheduleActivity): string | null {
  return a.currentFinish ?? a.currentStart ?? a.baselineFinish ?? a.baselineStart;
}

/** The milestone's baseline: the activity's target date; with none, the day it is first due. */
export function activityBaseline(a: ScheduleActivity): string | null {
  return a.baselineFinish ?? a.baselineStart ?? activityDue(a);
}

/** A structure's planned start and finish from an activity: current dates, else target dates. */
export function activityPlan(a: ScheduleActivity): { start: string | null; finish: string | null } {
  return {
    start: a.currentStart ?? a.baselineStart,
    finish: a.currentFinish ?? a.baselineFinish,
  };
}

/** How an activity's WBS path is shown and kept: "Haimen shaft › DW". */
export const wbsLabel = (path: readonly string[]): string => path.join(' › ');
