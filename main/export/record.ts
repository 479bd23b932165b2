// The panel's construction record (槽段施工记录) as HTML (printed to PDF by the sheet's engine) and
// as rows of typed cells (XLSX): the panel's design, each stage with its measurements against
// their limits and the result in words, the supervisor's decisions, the design corrections.
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors';
import { HOLD_POINTS } from '../domain/acceptances';
import type { PanelRecord, RecordFormat } from '../domain/panel-record';
import type { PdfEngine } from './pdf';
import { pageFooter, SHEET_CSS } from './html';
import { A4_ONE_PAGE_WIDE, addStyledRow } from './xlsx';
import { escape, type Label } from './html-format';
import { localName, sheetLabel, sheetTime, type SheetLanguage } from './labels';
import { ACCEPTANCE_HEADER, type SheetCell, type SheetRow } from './sheet-table';

const resultKey = (pass: boolean | null) =>
  pass === null ? 'sheet.qaNoLimit' : pass ? 'sheet.qaPass' : 'sheet.qaOutside';

interface Writer {
  record: PanelRecord;
  lang: SheetLanguage;
  L: (key: string, params?: Record<string, unknown>) => string;
  at: (iso: string) => string | null;
  data: (cells: SheetCell[], flagged?: number[]) => void;
  section: (key: string) => void;
  header: (...keys: string[]) => void;
  blank: () => void;
}

/** Every row of the record, in order; the HTML and the XLSX are laid out from the same data. */
export function recordRows(record: PanelRecord, lang: SheetLanguage): SheetRow[] {
  const L = (key: string, params?: Record<string, unknown>) => sheetLabel(lang, key, params);
  const rows: SheetRow[] = [];
  const w: Writer = {
    record,
    lang,
    L,
    at: (iso) => sheetTime(lang, iso, record.project.timezone),
    data: (cells, flagged = []) =>
      rows.push({ kind: 'data', cells, ...(flagged.length ? { flagged } : {}) }),
    section: (key) => rows.push({ kind: 'section', cells: [L(key)] }),
    header: (...keys) => rows.push({ kind: 'header', cells: keys.map((k) => L(k)) }),
    blank: () => rows.push({ kind: 'data', cells: [] }),
  };
  rows.push({
    kind: 'title',
    cells: [`${L('record.title')} · ${record.panel.code} · ${localName(lang, record.project)}`],
  });
  designRows(w);
  stageRows(w);
  checkRows(w);
  testRows(w);
  acceptanceRows(w);
  correctionRows(w);
  changeRows(w);
  w.data([L('record.madeAt'), w.at(record.madeAt)]);
  return rows;
}

function designRows({ record, lang, L, data, blank }: Writer): void {
  const p = record.panel;
  data([L('sheet.structure'), localName(lang, record.structure), L('panels.code'), p.code]);
  data([L('panels.type'), L(`panels.types.${p.type}`), L('panels.sequence'), p.sequence]);
  data([L('panels.length'), p.lengthM, L('panels.thickness'), p.thicknessM]);
  data([L('panels.designDepth'), p.designDepthM, L('panels.volume'), p.theoreticalVolumeM3]);
  data([L('panels.topLevel'), p.topLevelM, L('panels.toeLevel'), p.toeLevelM]);
  data([
    L('panels.cageWeight'),
    p.cageWeightT,
    L('panels.jointType'),
    p.jointType ? L(`panels.joints.${p.jointType}`) : null,
  ]);
  data([L('detail.status'), L(`stages.${p.status}`), L('detail.finishedOn'), p.finishedOn]);
  blank();
}

function stageRows({ record, lang, L, at, data, section, header, blank }: Writer): void {
  section('record.stages');
  header(
    'sheet.stage',
    'sheet.date',
    'sheet.shift',
    'sheet.team',
    'record.recordedBy',
    'record.recordedAt',
    'fieldNames.notes',
  );
  for (const s of record.stages)
    data([
      L(`stages.${s.stage}`),
      s.siteDay,
      L(`sheet.${s.shift}`),
      s.team ? localName(lang, s.team) : null,
      s.recordedByName,
      at(s.recordedAt),
      [s.rig ? `${L('measurements.rig')}: ${s.rig}` : null, s.notes].filter(Boolean).join('; ') ||
        null,
    ]);
  if (!record.stages.length) data(['—']);
  blank();
}

/** Every measurement against its limit, the result in words (and flagged when outside). */
function checkRows({ record, L, data, section, header, blank }: Writer): void {
  section('sheet.qa');
  header('sheet.stage', 'sheet.qaItem', 'sheet.qaValue', 'sheet.qaLimit', 'sheet.qaResult');
  for (const s of record.stages)
    for (const c of s.checks)
      data(
        [
          L(`stages.${s.stage}`),
          L(`measurements.${c.field}`),
          c.value,
          c.limit,
          L(resultKey(c.pass)),
        ],
        c.pass === false ? [2, 4] : [],
      );
  blank();
}

/** A field's name and value, as a record prints them. */
const fieldValue = (L: Writer['L'], field: string, value: unknown) =>
  `${field === 'notes' ? L('fieldNames.notes') : L(`measurements.${field}`)} ${value === null || value === undefined || value === '' ? '—' : String(value)}`;

/** Every attempt of every test: a failed one kept, marked in words and flagged, with what failed. */
function testRows({ record, L, at, data, section, header, blank }: Writer): void {
  if (!record.tests.length) return;
  section('inspections.title');
  header(
    'record.test',
    'acceptances.attemptNo',
    'sheet.date',
    'sheet.shift',
    'record.values',
    'sheet.qaResult',
    'record.recordedBy',
    'record.recordedAt',
  );
  for (const a of record.tests) {
    const result = a.pass
      ? L('inspections.pass')
      : `${L('inspections.fail')}: ${a.failures
          .map((f) =>
            L('inspections.failure', {
              field: L(`measurements.${f.field}`),
              value: f.value,
              limit: f.limit,
            }),
          )
          .join('; ')}`;
    data(
      [
        L(`inspections.kinds.${a.kind}`),
        a.attempt,
        a.siteDay,
        L(`sheet.${a.shift}`),
        [
          Object.entries(a.values)
            .map(([f, v]) => fieldValue(L, f, v))
            .join(', '),
          a.notes,
        ]
          .filter(Boolean)
          .join('; '),
        result,
        a.recordedByName,
        at(a.recordedAt),
      ],
      a.pass ? [] : [5],
    );
  }
  blank();
}

/** Each correction: the record it made a new version of, who, when, old → new, and why. */
function correctionRows({ record, L, at, data, section, header, blank }: Writer): void {
  if (!record.corrections.length) return;
  section('inspections.corrections');
  header(
    'record.corrected',
    'record.version',
    'record.changedAt',
    'record.changedBy',
    'record.changes',
    'inspections.reason',
  );
  for (const c of record.corrections) {
    const of =
      'stage' in c.of
        ? L(`stages.${c.of.stage}`)
        : `${L(`inspections.kinds.${c.of.kind}`)} · ${L('inspections.attempt', { attempt: c.of.attempt })}`;
    const changes = c.changes
      .map((ch) =>
        c.action === 'withdrawn'
          ? fieldValue(L, ch.field, ch.from)
          : `${fieldValue(L, ch.field, ch.from)} → ${ch.to === null ? '—' : String(ch.to)}`,
      )
      .join(', ');
    data(
      [
        of,
        c.version,
        at(c.correctedAt),
        c.correctorName,
        c.action === 'withdrawn' ? `${L('record.withdrawn')}: ${changes}` : changes,
        c.reason,
      ],
      c.action === 'withdrawn' ? [4] : [],
    );
  }
  blank();
}

/** The supervisor's decisions, attempt by attempt; a required point not yet decided says so. */
function acceptanceRows({ record, L, at, data, section, header, blank }: Writer): void {
  section('acceptances.title');
  header(...ACCEPTANCE_HEADER);
  for (const a of record.acceptances)
    data(
      [
        L(`acceptances.points.${a.point}`),
        a.attempt,
        L(`acceptances.decisions.${a.decision}`),
        a.signerName,
        at(a.signedAt),
        a.remark,
      ],
      a.decision === 'rejected' ? [2] : [],
    );
  for (const point of HOLD_POINTS)
    if (
      record.requiredSignatures.includes(point) &&
      !record.acceptances.some((a) => a.point === point)
    )
      data([L(`acceptances.points.${point}`), null, L('acceptances.pending')]);
  if (!record.acceptances.length && !record.requiredSignatures.length)
    data([L('acceptances.notRequired')]);
  blank();
}

function changeRows({ record, at, data, section, header, blank }: Writer): void {
  if (!record.designChanges.length) return;
  section('setup.designHistory');
  header('record.changedAt', 'record.changedBy', 'record.changes', 'acceptances.remark');
  for (const c of record.designChanges)
    data([at(c.changedAt), c.changedByName, c.changes, c.reason]);
  blank();
}

/** The record as HTML: the rows above as tables, one per section. */
export function renderRecordHtml(record: PanelRecord, lang: SheetLanguage): string {
  const rows = recordRows(record, lang);
  const parts: string[] = [];
  let open = false;
  const close = () => {
    if (open) parts.push('</tbody></table>');
    open = false;
  };
  const cell = (value: SheetCell, flagged: boolean) => {
    const text =
      value === null || value === undefined
        ? '—'
        : value instanceof Date
          ? value.toISOString().slice(0, 10)
          : String(value);
    const n = typeof value === 'number';
    const cls = [n ? 'n' : '', flagged ? 'flag' : ''].filter(Boolean).join(' ');
    return `<td${cls ? ` class="${cls}"` : ''}>${escape(text)}</td>`;
  };
  for (const row of rows) {
    if (row.kind === 'title') parts.push(`<h1>${escape(row.cells[0])}</h1>`);
    else if (row.kind === 'section') {
      close();
      parts.push(`<h2>${escape(row.cells[0])}</h2>`);
    } else if (row.kind === 'header') {
      close();
      parts.push(
        `<table><thead><tr>${row.cells.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>`,
      );
      open = true;
    } else if (!row.cells.length) close();
    else {
      if (!open) {
        parts.push('<table class="meta"><tbody>');
        open = true;
      }
      parts.push(
        `<tr>${row.cells.map((c, i) => cell(c, row.flagged?.includes(i) ?? false)).join('')}</tr>`,
      );
    }
  }
  close();
  const L: Label = (key) => escape(sheetLabel(lang, key));
  parts.push(
    `<table class="sign"><tbody><tr><th>${L('record.builder')}</th><td></td><th>${L('record.supervisor')}</th><td></td></tr></tbody></table>`,
  );
  const title = `${escape(sheetLabel(lang, 'record.title'))} ${escape(record.panel.code)}`;
  return `<!doctype html><html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${title}</title><style>${SHEET_CSS}</style></head><body>${parts.join('\n')}</body></html>`;
}

/** The record as one worksheet, styled as the sheet's: typed numbers, flagged cells, A4 portrait. */
export async function renderRecordXlsx(record: PanelRecord, lang: SheetLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haitai Progress';
  const ws = workbook.addWorksheet(record.panel.code.slice(0, 31) || 'panel', {
    pageSetup: A4_ONE_PAGE_WIDE,
  });
  for (const row of recordRows(record, lang)) addStyledRow(ws, row);
  ws.columns.forEach((column, i) => {
    column.width = i === 0 ? 24 : 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const RECORD_MIME: Record<RecordFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The record as a file; PDF needs an engine (Electron's printToPDF, or Chromium). */
export async function renderRecord(
  record: PanelRecord,
  format: RecordFormat,
  lang: SheetLanguage,
  pdfEngine?: PdfEngine,
): Promise<Buffer> {
  if (format === 'xlsx') return renderRecordXlsx(record, lang);
  if (!pdfEngine) throw new AppError('internal', { reason: 'no PDF engine in this runtime' });
  return pdfEngine(renderRecordHtml(record, lang), pageFooter(lang));
}

/** "槽段施工记录-HM-A24-zh-CN.pdf". */
export const recordFileName = (record: PanelRecord, format: RecordFormat, lang: SheetLanguage) =>
  `${sheetLabel('zh-CN', 'record.title')}-${record.structure.code}-${record.panel.code}-${lang}.${format}`.replace(
    /[\\/:*?"<>|]/g,
    '_',
  );
