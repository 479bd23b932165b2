// The daily sheet as XLSX: one formatted worksheet per day, numbers and dates as typed cells,
// column widths set, the title rows frozen, printed on A4 portrait, one page wide.
import ExcelJS from 'exceljs';
import type { DailySheet } from '../domain/daily-sheet';
import { sheetLabel, type SheetLanguage } from './labels';
import { sheetRows, type SheetRow } from './sheet-table';

/**
 * A row as the sheet and the panel record lay it out: titles and headings larger, header rows
 * shaded, a flagged cell (out of limit or plan) red on pink as well as the words in the row, dates
 * and decimals formatted.
 */
export function addStyledRow(ws: ExcelJS.Worksheet, row: SheetRow): void {
  const added = ws.addRow(row.cells);
  if (row.kind === 'title') added.font = { bold: true, size: 14 };
  if (row.kind === 'section') added.font = { bold: true, size: 12 };
  if (row.kind === 'header') {
    added.font = { bold: true };
    added.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    });
  }
  for (const index of row.flagged ?? []) {
    const cell = added.getCell(index + 1);
    cell.font = { color: { argb: 'FFB42318' }, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE7E7' } };
  }
  added.eachCell((cell) => {
    if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    else if (typeof cell.value === 'number' && !Number.isInteger(cell.value)) cell.numFmt = '0.00';
  });
}

/** A4 portrait, one page wide (paper size 9 is A4). */
export const A4_ONE_PAGE_WIDE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

function addDay(workbook: ExcelJS.Workbook, sheet: DailySheet, lang: SheetLanguage): void {
  const ws = workbook.addWorksheet(sheet.siteDay, {
    pageSetup: A4_ONE_PAGE_WIDE,
    views: [{ state: 'frozen', ySplit: 2 }],
    headerFooter: { oddFooter: `&L${sheetLabel(lang, 'sheet.title')} ${sheet.siteDay}&R&P / &N` },
  });
  for (const row of sheetRows(sheet, lang)) {
    addStyledRow(ws, row);
    if (row.image) addThumbnail(workbook, ws, row.image, row.cells.length);
  }
  ws.columns.forEach((column, i) => {
    column.width = i === 0 ? 28 : 16;
  });
}

/** A photo's thumbnail shown in its row, after the row's cells, fitted in 96 by 72 pixels. */
const THUMB_BOX = { width: 96, height: 72 };

function addThumbnail(
  workbook: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  image: NonNullable<SheetRow['image']>,
  column: number,
): void {
  const scale = Math.min(THUMB_BOX.width / image.width, THUMB_BOX.height / image.height, 1);
  const id = workbook.addImage({ base64: image.dataUri, extension: 'jpeg' });
  const row = ws.lastRow!;
  // Row heights are in points, images in pixels at 96 dpi; a little room above and below.
  row.height = THUMB_BOX.height * 0.75 + 6;
  ws.addImage(id, {
    tl: { col: column, row: row.number - 1 + 0.05 },
    ext: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
    editAs: 'oneCell',
  });
}

/** One worksheet per day, named by its date. */
export async function renderSheetsXlsx(
  sheets: DailySheet[],
  options: { lang: SheetLanguage },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haitai Progress';
  for (const sheet of sheets) addDay(workbook, sheet, options.lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function renderSheetXlsx(
  sheet: DailySheet,
  options: { lang: SheetLanguage },
): Promise<Buffer> {
  return renderSheetsXlsx([sheet], options);
}
