// The parsing that must never run on the main process's event loop: a user's file is decoded and
// parsed here, on a worker thread, and only plain data (or a typed refusal) goes back.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type SerializedAppError } from '../../domain/errors';
import {
  countAttendance,
  mappingProblem,
  recogniseHeaders,
  type ColumnMapping,
  type ShiftWindows,
} from '../../domain/attendance';
import { parseSchedule } from '../../domain/schedule-import';
import { readTextTable } from './read-table';

export type ParseTask = 'json' | 'schedule' | 'attendance';

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
  result: ReturnType<typeof countAttendance> | null;
}

async function readAttendance(bytes: Uint8Array, o: AttendanceOptions): Promise<AttendanceReading> {
  const { rows, encoding } = await readTextTable(bytes, o.fileName);
  // The header is the first row that names a time column (exports often start with a title).
  const at = Math.max(
    0,
    rows.slice(0, 20).findIndex((r) => recogniseHeaders(r).time !== undefined),
  );
  const headers = (rows[at] ?? []).map((h) => h.trim());
  const mapping = o.mapping ?? recogniseHeaders(headers);
  const problem = mappingProblem(mapping);
  return {
    headers,
    mapping,
    mappingProblem: problem,
    encoding,
    result: problem
      ? null
      : countAttendance(rows.slice(at + 1), mapping, o.windows, {
          firstRow: at + 2,
          today: o.today,
        }),
  };
}

export type ParseReply = { ok: true; value: unknown } | { ok: false; error: SerializedAppError };

async function parse(task: ParseTask, bytes: Uint8Array, options: unknown): Promise<unknown> {
  if (task === 'schedule') return parseSchedule(bytes);
  if (task === 'attendance') return readAttendance(bytes, options as AttendanceOptions);
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
