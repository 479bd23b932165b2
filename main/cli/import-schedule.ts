// `haitai import schedule FILE`: what a P6 XER or Microsoft Project XML file holds, as a planner
// checks it before importing: the project(s), and the activities and milestones found.
import fs from 'node:fs';
import { AppError } from '../domain/errors';
import { translate } from '../domain/i18n/translate';
import {
  activityKinds,
  parseSchedule,
  SCHEDULE_LIMITS,
  type ParsedSchedule,
} from '../domain/schedule-import';

/** The file's bytes, refused by size before they are read, and what they hold. */
export function readScheduleFile(file: string): { bytes: Buffer; schedule: ParsedSchedule } {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > SCHEDULE_LIMITS.bytes)
      throw new AppError('import.unreadable', {
        file,
        reason: `${(size / 1048576).toFixed(1)} MB, over the ${SCHEDULE_LIMITS.bytes / 1048576} MB a schedule may be`,
      });
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import.unreadable', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  return { bytes, schedule: parseSchedule(new Uint8Array(bytes)) };
}

export function printSchedule(schedule: ParsedSchedule, out: (line: string) => void): void {
  const milestones = schedule.activities.filter((a) => a.milestone);
  out(
    `${schedule.format.toUpperCase()} (${schedule.encoding}): ${schedule.projects.map((p) => p.code).join(', ') || '—'}`,
  );
  out(`${schedule.activities.length} activities / 作业, ${milestones.length} milestones / 里程碑`);
  // Every activity, by kind: the counts add up to the file's activities.
  out(
    `  ${activityKinds(schedule.activities)
      .map(
        ({ kind, count }) =>
          `${translate('en', `scheduleImport.kinds.${kind}`)} / ${translate('zh-CN', `scheduleImport.kinds.${kind}`)} ${count}`,
      )
      .join(', ')}`,
  );
  for (const m of milestones)
    out(
      `  ${m.code}  ${m.name}  [${m.wbsPath.join(' › ')}]  baseline ${m.baselineFinish ?? '—'}  current ${m.currentFinish ?? '—'}  ${m.status}`,
    );
}
