// A user's spreadsheet (XLSX or CSV) as rows of text, bounded before it is parsed: the file's size,
// the ZIP's declared entries and unpacked size, the rows and a CSV line's length. Both are read as
// a stream, a row at a time into a callback, so a large export never becomes a whole workbook (or
// a whole table) in memory. Runs on the parse worker's thread.
import { parseString } from '@fast-csv/parse';
import { AppError } from '../../domain/errors';
import { decodeText } from '../../domain/schedule-import/decode';
import { readXlsxRows, type OnRow } from './xlsx-rows';

export const TABLE_LIMITS = {
  bytes: 30 * 1024 * 1024,
  zipEntries: 1000,
  unpackedBytes: 300 * 1024 * 1024,
  rows: 500_000,
  lineChars: 10_000,
  sharedChars: 20_000_000,
} as const;

export type { OnRow };

const refuse = (reason: string) => new AppError('import.unreadable', { reason });

/**
 * The lines' lengths, on the bytes, before anything is decoded: a character takes at most four
 * bytes in UTF-8 and GB18030, so a line of more bytes than that is refused without decoding it.
 */
function checkLineBytes(bytes: Uint8Array): void {
  let start = 0;
  let line = 1;
  for (;;) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    if (stop - start > TABLE_LIMITS.lineChars * 4)
      throw refuse(`line ${line} is longer than ${TABLE_LIMITS.lineChars} characters`);
    if (end < 0) return;
    start = end + 1;
    line += 1;
  }
}

async function readCsv(bytes: Uint8Array, onRow: OnRow): Promise<string> {
  checkLineBytes(bytes);
  const { text, encoding } = decodeText(bytes);
  let lines = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      if (i - start > TABLE_LIMITS.lineChars)
        throw refuse(`line ${lines + 1} is longer than ${TABLE_LIMITS.lineChars} characters`);
      lines += 1;
      start = i + 1;
    }
  }
  if (lines > TABLE_LIMITS.rows) throw refuse(`more than ${TABLE_LIMITS.rows} rows`);
  let row = 0;
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: false, ignoreEmpty: false })
      .on('error', (e: Error) => reject(refuse(e.message.slice(0, 300))))
      .on('data', (cells: string[]) => {
        row += 1;
        if (cells.some((c) => c !== '')) onRow(cells, row);
      })
      .on('end', () => resolve());
  });
  return encoding;
}

/**
 * Reads the first worksheet (or the CSV) row by row into `onRow`; rows are not kept. Returns the
 * CSV's encoding, or null for XLSX.
 */
export async function readTextRows(
  bytes: Uint8Array,
  fileName: string,
  onRow: OnRow,
): Promise<string | null> {
  if (bytes.length > TABLE_LIMITS.bytes)
    throw refuse(`larger than ${TABLE_LIMITS.bytes / 1048576} MB`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    await readXlsxRows(bytes, TABLE_LIMITS, onRow);
    return null;
  }
  if (lower.endsWith('.csv')) return readCsv(bytes, onRow);
  throw refuse('expected .xlsx or .csv');
}
