// Which tables each read channel shows, so that a change to a table reads again only the screens
// that show it. A read not named here is read again after any change: the safe default.
import type { Channel } from '../../../main/api/contract';

const DAY = ['crew_shifts', 'staff_counts', 'daily_logs', 'teams', 'team_aliases'];
const PANELS = [
  'structures',
  'panels',
  'panel_stage_events',
  'panel_changes',
  'acceptances',
  'inspections',
  'corrections',
];
const NAMES = ['people', 'authors'];

export const READS: Partial<Record<Channel, readonly string[]>> = {
  'project:get': ['projects', 'structures', 'local_settings'],
  'project:list': ['projects', 'local_settings'],
  'project:first-run': ['projects', 'local_settings'],
  'today:get': [...DAY, ...PANELS, ...NAMES, 'projects', 'machines', 'machine_shifts'],
  'panels:list': PANELS,
  'panels:get': [...PANELS, ...NAMES, 'attachments', 'projects'],
  'crews:day': DAY,
  'crews:range': DAY,
  'teams:list': ['teams', 'team_aliases'],
  'machines:list': ['machines'],
  'machines:day': ['machines', 'machine_shifts'],
  'machines:stats': ['machines', 'machine_shifts'],
  'materials:day': ['material_entries', 'panels'],
  'attachments:list': ['attachments', 'panels', 'panel_stage_events'],
  'attachments:storage': ['attachments', 'local_settings'],
  'milestones:list': ['milestones', 'milestone_changes'],
  'backups:list': [],
};

/** Whether a read of `channel` shows one of `tables` ('*': everything changed). */
export function readsAny(channel: string, tables: readonly string[]): boolean {
  if (tables.includes('*')) return true;
  const read = READS[channel as Channel];
  return read === undefined || read.some((t) => tables.includes(t));
}
