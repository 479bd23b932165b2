// The daily sheet as CSV: UTF-8 with a BOM (Excel on a Chinese Windows then reads it right),
// sections one after another, dates as YYYY-MM-DD, and text that a spreadsheet would run as a
// formula (=, +, -, @ first) neutralised with a leading apostrophe.
import type { DailySheet } from '../domain/daily-sheet';
import type { SheetLanguage } from './labels';
import { sheetRows, type SheetCell } from './sheet-table';

function field(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One day, or several one after another with a blank line between them. */
export async function renderSheetsCsv(
  sheets: DailySheet[],
  options: { lang: SheetLanguage },
): Promise<Buffer> {
  const lines = sheets.flatMap((sheet, i) => [
    ...(i ? [''] : []),
    ...sheetRows(sheet, options.lang).map((row) => row.cells.map(field).join(',')),
  ]);
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export function renderSheetCsv(
  sheet: DailySheet,
  options: { lang: SheetLanguage },
): Promise<Buffer> {
  return renderSheetsCsv([sheet], options);
}
