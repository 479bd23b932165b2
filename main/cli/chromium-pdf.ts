// A PDF engine over Debian's Chromium (playwright-core), for the CLI and tests. One browser is
// kept warm for several documents; close() ends it.
import type { Browser } from 'playwright-core';
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
  return {
    engine: async (html, footerHtml) => {
      const page = await browser.newPage();
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
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
