// A PDF engine over Debian's Chromium (playwright-core), for the CLI and tests. One browser is
// kept warm for several documents; close() ends it.
import type { Browser, Page } from 'playwright-core';
import { AppError } from '../domain/errors';
import type { PdfEngine } from '../export/pdf';

/** How Debian's Chromium runs headless here (no sandbox inside the container, nothing online). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumPdf {
  engine: PdfEngine;
  close(): Promise<void>;
}

export async function launchChromiumPdf(
  executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium',
): Promise<ChromiumPdf> {
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    throw new AppError('internal', {
      reason: `cannot start Chromium at ${executablePath} for PDF: ${(error as Error).message.split('\n')[0]}`,
    });
  }
  // One page, reused for every document in turn: a new page costs a renderer process and the CJK
  // fonts again, which is most of the time of a print (BENCHMARKS.md, daily sheet).
  let page: Page | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const print = async (html: string, footerHtml: string): Promise<Buffer> => {
    page ??= await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerHtml,
        margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      });
    } catch (error) {
      // A page that failed is not trusted with the next document.
      await page.close().catch(() => {});
      page = null;
      throw error;
    }
  };
  return {
    engine: (html, footerHtml) => {
      const run = queue.then(() => print(html, footerHtml));
      queue = run.catch(() => {});
      return run;
    },
    close: () => browser.close(),
  };
}
