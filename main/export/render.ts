import type { DailySheet } from '../domain/daily-sheet';
import { AppError } from '../domain/errors';
import { renderSheetsCsv } from './csv';
import { renderSheetsHtmlString } from './html';
import type { SheetLanguage } from './labels';
import { renderSheetsPdf, type PdfEngine } from './pdf';
import { renderSheetsXlsx } from './xlsx';

export type { SheetFormat } from '../domain/daily-sheet';
import type { SheetFormat } from '../domain/daily-sheet';

export const SHEET_MIME: Record<SheetFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** One or several days in one file; PDF needs an engine (Electron's printToPDF or Chromium). */
export async function renderSheets(
  sheets: DailySheet[],
  format: SheetFormat,
  lang: SheetLanguage,
  pdfEngine?: PdfEngine,
): Promise<Buffer> {
  if (format === 'pdf') {
    if (!pdfEngine) throw new AppError('internal', { reason: 'no PDF engine in this runtime' });
    return renderSheetsPdf(sheets, { lang, engine: pdfEngine });
  }
  if (format === 'html') return Buffer.from(renderSheetsHtmlString(sheets, lang), 'utf8');
  return { xlsx: renderSheetsXlsx, csv: renderSheetsCsv }[format](sheets, { lang });
}
