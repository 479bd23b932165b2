// The daily sheet as PDF from the same HTML. The engine is passed in: Electron's printToPDF in the
// app, system Chromium through playwright-core in the CLI and tests.
import type { DailySheet } from '../domain/daily-sheet';
import { pageFooter, renderSheetsHtmlString } from './html';
import type { SheetLanguage } from './labels';

export type PdfEngine = (html: string, footerHtml: string) => Promise<Buffer>;

/** One day, or several in one PDF, each from a new page. */
export function renderSheetsPdf(
  sheets: DailySheet[],
  options: { lang: SheetLanguage; engine: PdfEngine },
): Promise<Buffer> {
  return options.engine(renderSheetsHtmlString(sheets, options.lang), pageFooter(options.lang));
}

export function renderSheetPdf(
  sheet: DailySheet,
  options: { lang: SheetLanguage; engine: PdfEngine },
): Promise<Buffer> {
  return renderSheetsPdf([sheet], options);
}
