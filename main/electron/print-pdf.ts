// The app's PDF engine: the sheet's HTML printed by Electron in a hidden, sandboxed window.
import { BrowserWindow } from 'electron';
import type { PdfEngine } from '../export/pdf';

export const electronPdfEngine: PdfEngine = async (html, footerHtml) => {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerHtml,
      margins: { top: 0.55, bottom: 0.63, left: 0.47, right: 0.47 },
    });
  } finally {
    win.destroy();
  }
};
