// Primavera P6 XER: tab-separated tables. `%T name` starts a table, `%F` names its fields, each
// `%R` is a row, `%E` ends the file. Tables are read by field name, never by position; a real
// export holds dozens of tables, and only PROJECT, PROJWBS and TASK are read here.
import { AppError } from '../errors';
import { decodeText } from './decode';
import {
  dayOfStamp,
  SCHEDULE_LIMITS,
  type ActivityKind,
  type ActivityStatus,
  type ParsedSchedule,
  type ScheduleActivity,
} from './model';

const WANTED = new Set(['PROJECT', 'PROJWBS', 'TASK']);
type Row = Record<string, string>;

const unreadable = (reason: string) => new AppError('import.unreadable', { file: 'XER', reason });

/** The wanted tables as rows of named fields. */
function readTables(text: string): Map<string, Row[]> {
  const tables = new Map<string, Row[]>();
  let table: string | null = null;
  let fields: string[] = [];
  let rows = 0;
  const lines = text.split(/\r?\n/);
  if (!lines[0]?.startsWith('ERMHDR')) throw unreadable('not a P6 XER file (no ERMHDR line)');
  for (const line of lines) {
    if (line.length > SCHEDULE_LIMITS.lineChars) throw unreadable('a line is too long');
    const cells = line.split('\t');
    if (cells[0] === '%T') {
      table = WANTED.has(cells[1] ?? '') ? cells[1]! : null;
      if (table) tables.set(table, []);
    } else if (cells[0] === '%F') fields = cells.slice(1);
    else if (cells[0] === '%R' && table) {
      if (++rows > SCHEDULE_LIMITS.rows) throw unreadable('too many rows');
      const row: Row = {};
      fields.forEach((f, i) => (row[f] = cells[i + 1] ?? ''));
      tables.get(table)!.push(row);
    }
  }
  return tables;
}

const KIND: Record<string, ActivityKind> = {
  TT_Task: 'task',
  TT_Rsrc: 'resource',
  TT_Mile: 'start_milestone',
  TT_FinMile: 'finish_milestone',
  TT_LOE: 'level_of_effort',
  TT_WBS: 'wbs_summary',
};

const STATUS: Record<string, ActivityStatus> = {
  TK_NotStart: 'not_started',
  TK_Active: 'active',
  TK_Complete: 'complete',
};

/** Each WBS node's path of names, from the project's top node down. */
function wbsPaths(rows: Row[]): (id: string) => string[] {
  const byId = new Map(rows.map((r) => [r.wbs_id!, r]));
  const cache = new Map<string, string[]>();
  const path = (id: string, depth = 0): string[] => {
    if (cache.has(id)) return cache.get(id)!;
    const node = byId.get(id);
    if (!node || depth > 100) return [];
    // The project's own node (proj_node_flag Y) is the project, not a WBS level.
    const own = node.proj_node_flag === 'Y' ? [] : [node.wbs_name || node.wbs_short_name || id];
    const full = [...path(node.parent_wbs_id ?? '', depth + 1), ...own];
    cache.set(id, full);
    return full;
  };
  return path;
}

export function parseXer(bytes: Uint8Array): ParsedSchedule {
  if (bytes.length > SCHEDULE_LIMITS.bytes) throw unreadable('the file is too large');
  const { text, encoding } = decodeText(bytes);
  const tables = readTables(text);
  const tasks = tables.get('TASK') ?? [];
  if (tasks.length > SCHEDULE_LIMITS.activities) throw unreadable('too many activities');
  const path = wbsPaths(tables.get('PROJWBS') ?? []);
  // Every activity counts, level of effort and WBS summary ones too (issue 28: a file of 3,994
  // TASK rows holds 3,994 activities); only milestones can become the app's milestones.
  const activities = tasks
    .map((t): ScheduleActivity => ({
      code: t.task_code ?? '',
      name: t.task_name ?? '',
      wbsPath: path(t.wbs_id ?? ''),
      kind: KIND[t.task_type ?? ''] ?? 'task',
      milestone: t.task_type === 'TT_Mile' || t.task_type === 'TT_FinMile',
      baselineStart: dayOfStamp(t.target_start_date),
      baselineFinish: dayOfStamp(t.target_end_date),
      currentStart: dayOfStamp(t.early_start_date) ?? dayOfStamp(t.restart_date),
      currentFinish: dayOfStamp(t.early_end_date) ?? dayOfStamp(t.reend_date),
      actualStart: dayOfStamp(t.act_start_date),
      actualFinish: dayOfStamp(t.act_end_date),
      status: STATUS[t.status_code ?? ''] ?? 'not_started',
    }))
    .filter((a) => a.code !== '');
  return {
    format: 'xer',
    encoding,
    projects: (tables.get('PROJECT') ?? []).map((p) => ({
      code: p.proj_short_name ?? '',
      name: p.proj_short_name ?? '',
    })),
    activities,
  };
}
