// The parsing that must never run on the main process's event loop: a user's file is decoded and
// parsed here, on a worker thread, and only plain data (or a typed refusal) goes back.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type SerializedAppError } from '../../domain/errors';
import {
  mappingProblem,
  punchOf,
  recogniseHeaders,
  tallyPunches,
  type AttendanceProblem,
  type AttendanceResult,
  type ColumnMapping,
  type Punch,
  type ShiftWindows,
} from '../../domain/attendance';
import { parseSchedule } from '../../domain/schedule-import';
import { readTextRows } from './read-table';

export type ParseTask = 'json' | 'schedule' | 'attendance' | 'table';

/** What an attendance count needs besides the file. */
export interface AttendanceOptions {
  fileName: string;
  mapping: ColumnMapping | null;
  windows: ShiftWindows;
  today: string;
}

/** The file's headers, the mapping used, and the counts (none when the mapping is incomplete). */
export interface AttendanceReading {
  headers: string[];
  mapping: ColumnMapping;
  mappingProblem: string | null;
  encoding: string | null;
  result: AttendanceResult | null;
}

/** Rows searched for the header: exports often start with a title or two. */
const HEADER_ROWS = 20;

async function readAttendance(bytes: Uint8Array, o: AttendanceOptions): Promise<AttendanceReading> {
  const head: { cells: string[]; n: number }[] = [];
  const problems: AttendanceProblem[] = [];
  const punches: Punch[] = [];
  let header: { cells: string[]; mapping: ColumnMapping } | null = null;
  let rows = 0;
  // A hundred thousand punches name a few hundred workers, teams and days: one string each.
  const interned = new Map<string, string>();
  const intern = (s: string) => interned.get(s) ?? (interned.set(s, s), s);
  const take = (cells: string[], n: number) => {
    rows += 1;
    const p = punchOf(cells, n, header!.mapping, o.windows, problems);
    if (!p) return;
    p.worker = intern(p.worker);
    p.team = intern(p.team);
    p.siteDay = intern(p.siteDay);
    punches.push(p);
  };
  // The header is the first row that names a time column; failing that, the first row.
  const settle = (at: number) => {
    const cells = (head[at]?.cells ?? []).map((h) => h.trim());
    header = { cells, mapping: o.mapping ?? recogniseHeaders(cells) };
    if (!mappingProblem(header.mapping)) for (const r of head.slice(at + 1)) take(r.cells, r.n);
  };
  const encoding = await readTextRows(bytes, o.fileName, (cells, n) => {
    if (header) {
      if (!mappingProblem(header.mapping)) take(cells, n);
      return;
    }
    head.push({ cells, n });
    if (recogniseHeaders(cells).time !== undefined) settle(head.length - 1);
    else if (head.length === HEADER_ROWS) settle(0);
  });
  if (!header) settle(0);
  const { cells, mapping } = header!;
  const problem = mappingProblem(mapping);
  return {
    headers: cells,
    mapping,
    mappingProblem: problem,
    encoding,
    result: problem ? null : tallyPunches(punches, rows, o.today, problems),
  };
}

/** A table file's first sheet as rows of text, at most `maxRows` (the panel register). */
async function readTable(bytes: Uint8Array, o: { fileName: string; maxRows: number }) {
  const table: string[][] = [];
  await readTextRows(bytes, o.fileName, (cells, n) => {
    if (n > o.maxRows)
      throw new AppError('import.unreadable', { reason: `more than ${o.maxRows} rows` });
    table[n - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

export type ParseReply = { ok: true; value: unknown } | { ok: false; error: SerializedAppError };

async function parse(task: ParseTask, bytes: Uint8Array, options: unknown): Promise<unknown> {
  if (task === 'schedule') return parseSchedule(bytes);
  if (task === 'attendance') return readAttendance(bytes, options as AttendanceOptions);
  if (task === 'table') return readTable(bytes, options as { fileName: string; maxRows: number });
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

async function reply(task: ParseTask, bytes: Uint8Array, options: unknown): Promise<ParseReply> {
  try {
    return { ok: true, value: await parse(task, bytes, options) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    const message = error instanceof Error ? error.message : String(error);
    const reason = (task === 'json' ? `not JSON: ${message}` : message).slice(0, 300);
    return { ok: false, error: new AppError('import.unreadable', { reason }).toJSON() };
  }
}

const data = workerData as { task: ParseTask; bytes: Uint8Array; options?: unknown } | null;
if (data && parentPort) {
  const port = parentPort;
  void reply(data.task, data.bytes, data.options).then((m) => port.postMessage(m));
}
