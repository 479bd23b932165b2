// A user's spreadsheet (XLSX or CSV) as rows of text, bounded before it is parsed: the file's size,
// the ZIP's declared entries and unpacked size, the rows and a CSV line's length. XLSX is read as
// a stream, a row at a time into a callback, so a large export never becomes a whole workbook (or
// a whole table) in memory. Runs on the parse worker's thread.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors';
import { decodeText } from '../../domain/schedule-import/decode';
import { zipProblem } from '../../domain/zip-bounds';

export const TABLE_LIMITS = {
  bytes: 30 * 1024 * 1024,
  zipEntries: 1000,
  unpackedBytes: 300 * 1024 * 1024,
  rows: 500_000,
  lineChars: 10_000,
} as const;

/** Called with each row's cells as text and its row number in the file (from 1). */
export type OnRow = (cells: string[], rowNumber: number) => void;

const refuse = (reason: string) => new AppError('import.unreadable', { reason });

/** A cell as text; a date cell as its wall-clock time, "2023-01-27 06:50:00". */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array, onRow: OnRow): Promise<null> {
  const problem = zipProblem(bytes, {
    entries: TABLE_LIMITS.zipEntries,
    uncompressedBytes: TABLE_LIMITS.unpackedBytes,
  });
  if (problem) throw refuse(problem);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number > TABLE_LIMITS.rows) throw refuse(`more than ${TABLE_LIMITS.rows} rows`);
      onRow((row.values as ExcelJS.CellValue[]).slice(1).map(cellText), row.number);
    }
    break; // the first worksheet only
  }
  return null;
}

async function readCsv(bytes: Uint8Array, onRow: OnRow): Promise<string> {
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
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text]), {
    map: (value: unknown) => value,
  } as never);
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    onRow((row.values as ExcelJS.CellValue[]).slice(1).map(cellText), n);
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
  if (lower.endsWith('.xlsx')) return readXlsx(bytes, onRow);
  if (lower.endsWith('.csv')) return readCsv(bytes, onRow);
  throw refuse('expected .xlsx or .csv');
}
