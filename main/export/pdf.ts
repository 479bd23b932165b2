// The daily sheet as PDF from the same HTML. The engine is passed in: Electron's printToPDF in the
// app, system Chromium through playwright-core in the CLI and tests.
import type { DailySheet } from '../domain/daily-sheet';
import { pageFooter, renderSheetHtmlString } from './html';
import type { SheetLanguage } from './labels';

export type PdfEngine = (html: string, footerHtml: string) => Promise<Buffer>;

export async function renderSheetPdf(
  sheet: DailySheet,
  options: { lang: SheetLanguage; engine: PdfEngine },
): Promise<Buffer> {
  return options.engine(renderSheetHtmlString(sheet, options.lang), pageFooter(options.lang));
}
