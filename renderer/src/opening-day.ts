import type { Project } from '../../main/domain/project';
import { openingDay as openingDayAt } from '../../main/domain/site-day';

/** A demo opens on the day its story is at; a real project on today in the site's time zone. */
export function openingDay(project: Project): string {
  return openingDayAt(project, new Date());
}
