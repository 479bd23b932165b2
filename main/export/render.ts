import type { DailySheet } from '../domain/daily-sheet';
import { AppError } from '../domain/errors';
import { renderSheetCsv } from './csv';
import { renderSheetHtml } from './html';
import type { SheetLanguage } from './labels';
import { renderSheetPdf, type PdfEngine } from './pdf';
import { renderSheetXlsx } from './xlsx';

export type SheetFormat = 'pdf' | 'xlsx' | 'csv' | 'html';

export const SHEET_MIME: Record<SheetFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** One sheet in one format; PDF needs an engine (Electron's printToPDF or Chromium). */
export async function renderSheet(
  sheet: DailySheet,
  format: SheetFormat,
  lang: SheetLanguage,
  pdfEngine?: PdfEngine,
): Promise<Buffer> {
  if (format === 'pdf') {
    if (!pdfEngine) throw new AppError('internal', { reason: 'no PDF engine in this runtime' });
    return renderSheetPdf(sheet, { lang, engine: pdfEngine });
  }
  return { xlsx: renderSheetXlsx, csv: renderSheetCsv, html: renderSheetHtml }[format](sheet, {
    lang,
  });
}
