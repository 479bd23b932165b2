// The parsing that must never run on the main process's event loop: a user's file is decoded and
// parsed here, on a worker thread, and only plain data (or a typed refusal) goes back.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type SerializedAppError } from '../../domain/errors';
import { parseSchedule } from '../../domain/schedule-import';

export type ParseTask = 'json' | 'schedule';

export type ParseReply = { ok: true; value: unknown } | { ok: false; error: SerializedAppError };

function parse(task: ParseTask, bytes: Uint8Array): unknown {
  if (task === 'schedule') return parseSchedule(bytes);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

function reply(task: ParseTask, bytes: Uint8Array): ParseReply {
  try {
    return { ok: true, value: parse(task, bytes) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    const message = error instanceof Error ? error.message : String(error);
    const reason = (task === 'json' ? `not JSON: ${message}` : message).slice(0, 300);
    return { ok: false, error: new AppError('import.unreadable', { reason }).toJSON() };
  }
}

const data = workerData as { task: ParseTask; bytes: Uint8Array };
parentPort?.postMessage(reply(data.task, data.bytes));
