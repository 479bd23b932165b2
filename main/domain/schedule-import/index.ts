// A schedule file, recognised by what it holds: an XER begins with ERMHDR, MSPDI is XML.
import { AppError } from '../errors';
import type { ParsedSchedule } from './model';
import { parseMspdi } from './mspdi';
import { parseXer } from './xer';

export * from './model';

export function parseSchedule(bytes: Uint8Array): ParsedSchedule {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, '');
  if (head.startsWith('ERMHDR')) return parseXer(bytes);
  if (/^\s*<(\?xml|Project)/.test(head)) return parseMspdi(bytes);
  throw new AppError('import.unreadable', {
    file: 'schedule',
    reason: 'neither a P6 XER nor a Microsoft Project XML file',
  });
}
