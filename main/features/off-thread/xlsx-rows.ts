// The first worksheet of an XLSX as rows of text, streamed: the ZIP's directory is checked first
// (entries, declared sizes), then the one worksheet is inflated a piece at a time into an XML
// stream parser (saxes) and each row goes to the caller as it closes. Only the shared strings and
// the date styles are held in memory; the sheet never is. A DOCTYPE is refused (no entity
// expansion), an entry that unpacks to more than it declared is refused, and so are rows, columns
// and shared text past the limits.
//
// exceljs's stream reader did the same job slower and took the attendance bench past its memory
// target; exceljs still writes every workbook the app exports.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../domain/errors';
import { zipEntries, type ZipEntry } from '../../domain/zip-bounds';

export interface XlsxLimits {
  zipEntries: number;
  unpackedBytes: number;
  rows: number;
  /** Characters of shared text (the workbook's string table) held in memory. */
  sharedChars: number;
}

/** Excel's last column, XFD, and the most text a cell holds. */
const MAX_COLUMNS = 16_384;
const MAX_CELL_CHARS = 32_767;
const PIECE = 256 * 1024;

const refuse = (reason: string) => new AppError('import.unreadable', { reason });

/** A tag's name without its namespace prefix ("x:row" is "row"). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** An entry's text, a piece at a time; it may not unpack to more than it declared. */
async function* entryText(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const decoder = new TextDecoder('utf-8');
  function* pieces() {
    for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
  }
  if (entry.method === 0) {
    for (const piece of pieces()) yield decoder.decode(piece, { stream: true });
    return;
  }
  if (entry.method !== 8) throw refuse(`${entry.name} is packed in an unknown way`);
  let out = 0;
  for await (const chunk of Readable.from(pieces()).pipe(
    createInflateRaw(),
  ) as AsyncIterable<Buffer>) {
    out += chunk.length;
    if (out > entry.size) throw refuse(`${entry.name} unpacks to more than it declares`);
    yield decoder.decode(chunk, { stream: true });
  }
}

interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

/** Streams one entry's XML through the handlers (tag names without prefixes). */
async function parseEntry(bytes: Uint8Array, entry: ZipEntry, on: XmlHandlers): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  parser.on('doctype', () => {
    throw refuse(`${entry.name} has a DOCTYPE`);
  });
  parser.on('error', (error) => {
    throw refuse(`${entry.name} is not well-formed XML: ${error.message.slice(0, 120)}`);
  });
  const { open, text, close } = on;
  if (open) parser.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(local(tag.name)));
  for await (const piece of entryText(bytes, entry)) parser.write(piece);
  parser.close();
}

/** The workbook's shared strings; rich text is joined, phonetic runs (rPh) are left out. */
async function sharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined, limit: number) {
  const strings: string[] = [];
  if (!entry) return strings;
  let chars = 0;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parseEntry(bytes, entry, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic += 1;
    },
    text: (t) => {
      if (!inText) return;
      current += t;
      chars += t.length;
      if (chars > limit) throw refuse(`more than ${limit} characters of text`);
    },
    close: (name) => {
      if (name === 'si') strings.push(current);
      else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
    },
  });
  return strings;
}

/** Built-in number formats that show a date or a time (Excel's and the CJK ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a custom number format shows a date or time: y, m, d, h or s outside quotes. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (by index) show dates. */
async function dateStyles(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<boolean[]> {
  const dates: boolean[] = [];
  if (!entry) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parseEntry(bytes, entry, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        dates.push(code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/** The first worksheet's entry, through the workbook and its relationships; and the date system. */
async function firstSheet(bytes: Uint8Array, entries: Map<string, ZipEntry>) {
  let relId: string | null = null;
  let date1904 = false;
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) throw refuse('not an Excel workbook (no xl/workbook.xml)');
  await parseEntry(bytes, workbook, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && relId === null) relId = a['r:id'] ?? '';
    },
  });
  let target: string | null = null;
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rels && relId)
    await parseEntry(bytes, rels, {
      open: (name, a) => {
        if (name === 'Relationship' && a.Id === relId) target = a.Target ?? null;
      },
    });
  const path = target
    ? (target as string).startsWith('/')
      ? (target as string).slice(1)
      : `xl/${target as string}`
    : 'xl/worksheets/sheet1.xml';
  const sheet = entries.get(path);
  if (!sheet) throw refuse('the workbook has no worksheet');
  return { sheet, date1904 };
}

/** A column's index from a cell reference: "A5" is 0, "AB12" is 27. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A date cell's serial number as its wall-clock time, "2023-01-27 06:50:00". */
function serialText(serial: number, date1904: boolean): string {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  const ms = Math.round(days * 86_400) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(serial);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export type OnRow = (cells: string[], rowNumber: number) => void;

/** Reads the first worksheet into `onRow`, one row at a time, as text; rows are not kept. */
export async function readXlsxRows(
  bytes: Uint8Array,
  limits: XlsxLimits,
  onRow: OnRow,
): Promise<void> {
  const list = zipEntries(bytes, {
    entries: limits.zipEntries,
    uncompressedBytes: limits.unpackedBytes,
  });
  if (typeof list === 'string') throw refuse(list);
  const entries = new Map(list.map((e) => [e.name, e]));
  const { sheet, date1904 } = await firstSheet(bytes, entries);
  const shared = await sharedStrings(
    bytes,
    entries.get('xl/sharedStrings.xml'),
    limits.sharedChars,
  );
  const dates = await dateStyles(bytes, entries.get('xl/styles.xml'));
  const cellText = (type: string, style: number, v: string): string => {
    if (type === 's') return shared[Number(v)] ?? '';
    if (type === 'inlineStr' || type === 'str') return v;
    if (type === 'b') return v === '1' ? 'true' : 'false';
    if (type === 'e' || v === '') return '';
    if (type === 'd') return v.replace('T', ' ').replace(/Z$/, '').slice(0, 19);
    const n = Number(v);
    return dates[style] ? serialText(n, date1904) : String(n);
  };
  await parseEntry(bytes, sheet, sheetHandlers(limits.rows, cellText, onRow));
}

/** The worksheet's XML as rows: a row's cells by column, holes as empty text. */
function sheetHandlers(
  maxRows: number,
  cellText: (type: string, style: number, v: string) => string,
  onRow: OnRow,
): XmlHandlers {
  let rowNumber = 0;
  let cells: string[] = [];
  let column = 0;
  let type = '';
  let style = 0;
  let value = '';
  let collecting = false;
  return {
    open: (name, a) => {
      if (name === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        if (!(rowNumber <= maxRows)) throw refuse(`more than ${maxRows} rows`);
        cells = [];
        column = 0;
      } else if (name === 'c') {
        column = a.r ? columnOf(a.r) : column;
        if (column < 0 || column >= MAX_COLUMNS) throw refuse(`a cell out of range (${a.r})`);
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = '';
      } else if (name === 'v' || name === 't') collecting = true;
    },
    text: (t) => {
      if (!collecting) return;
      value += t;
      if (value.length > MAX_CELL_CHARS)
        throw refuse(`row ${rowNumber} has a cell over ${MAX_CELL_CHARS} characters`);
    },
    close: (name) => {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'c') {
        while (cells.length < column) cells.push('');
        cells[column] = cellText(type, style, value);
        column += 1;
      } else if (name === 'row') onRow(cells, rowNumber);
    },
  };
}
