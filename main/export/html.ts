// The daily sheet as HTML: the one layout used for the on-screen preview, for printing and for
// PDF. A4 portrait; table rows never split across pages; fonts that cover Chinese on Windows,
// macOS and Linux.
import type { DailySheet } from '../domain/daily-sheet';
import { verticalityRatio } from '../domain/stages';
import { explainForecast } from '../domain/i18n/schedule-text';
import { escape, num, type Label } from './html-format';
import { machinesHtml, materialsHtml } from './html-resources';
import { PHOTO_CSS, photosHtml } from './html-photos';
import { qaHtml } from './html-qa';
import { localName, sheetLabel, sheetSentences, sheetTime, type SheetLanguage } from './labels';

// One font weight throughout. A PDF embeds each font face it uses, and Chromium spends about as
// long on a second CJK face (the bold one) as on the rest of the print (BENCHMARKS.md, daily
// sheet): headings stand out by size, rules and shading instead, status by colour.
export const SHEET_CSS = `
@page { size: A4 portrait; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif; font-size: 10.5pt; font-weight: 400; color: #111; margin: 0; }
h1 { font-size: 18pt; font-weight: 400; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; font-weight: 400; margin: 5mm 0 2mm; padding-left: 2mm; border-left: 3px solid #333; border-bottom: 1px solid #333; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #888; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #e4eaf2; font-weight: 400; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.meta td:nth-child(odd) { background: #f7f9fb; width: 18%; }
.empty { text-align: center; padding: 4mm; border: 1px dashed #999; }
.sign td { height: 14mm; }
.flag { color: #b42318; }
tr.explain td { font-size: 9pt; color: #333; }
table.milestones tr:not(.explain) td:first-child { width: 32%; }
.status-late, .status-at_risk { color: #b42318; }
.status-on_track, .status-done { color: #067647; }
`;

/** The owner and contractor, when the project names them. */
const headerRow = (sheet: DailySheet, L: Label) =>
  sheet.project.ownerName || sheet.project.contractorName
    ? `\n<tr><td>${L('setup.owner')}</td><td>${escape(sheet.project.ownerName ?? '—')}</td><td>${L('setup.contractor')}</td><td>${escape(sheet.project.contractorName ?? '—')}</td></tr>`
    : '';

function renderSheetBody(sheet: DailySheet, lang: SheetLanguage): string {
  const L: Label = (key) => escape(sheetLabel(lang, key.includes('.') ? key : `sheet.${key}`));
  return [
    metaHtml,
    crewsHtml,
    machinesHtml,
    materialsHtml,
    finishedHtml,
    qaHtml,
    inProgressHtml,
    milestonesHtml,
    lookAheadHtml,
    notesHtml,
    photosHtml,
  ]
    .map((section) => section(sheet, lang, L))
    .filter((html) => html !== '')
    .join('\n');
}

/** The title and the day: project, date, weather, location. */
function metaHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const w = sheet.weather;
  const weather = (v: string | null | undefined) => (v ? L(`weather.${v}`) : '—');
  const parts: string[] = [];
  parts.push(`<h1>${L('title')}</h1>`);
  parts.push(`<table class="meta"><tbody>
<tr><td>${L('project')}</td><td>${escape(localName(lang, sheet.project))}</td><td>${L('date')}</td><td>${escape(sheet.siteDay)}</td></tr>${headerRow(sheet, L)}
<tr><td>${L('weatherAm')}</td><td>${weather(w?.am)}</td><td>${L('weatherPm')}</td><td>${weather(w?.pm)}</td></tr>
<tr><td>${L('temperature')}</td><td>${w?.tempMinC ?? '—'} ~ ${w?.tempMaxC ?? '—'}</td><td>${L('wind')}</td><td>${escape(w?.wind ?? '—')}</td></tr>
<tr><td>${L('location')}</td><td colspan="3">${escape(sheet.location ?? '—')}</td></tr>
</tbody></table>`);
  if (sheet.empty) parts.push(`<p class="empty">${L('empty')}</p>`);
  return parts.join('\n');
}

/** The day's crews by team, the total against the plan, and the staff. */
function crewsHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const plan = sheet.crews.totals.plan;
  const parts: string[] = [];
  parts.push(
    `<h2>${L('crews')}</h2><table><thead><tr><th>${L('team')}</th><th>${L('day')}</th><th>${L('night')}</th><th>${L('total')}</th></tr></thead><tbody>`,
  );
  // A shift with no crew record says so, rather than a 0 for every team.
  const recorded = sheet.crews.recorded ?? { day: true, night: true };
  const count = (shift: 'day' | 'night', n: number) =>
    recorded[shift] ? `<td class="n">${n}</td>` : `<td class="n">${L('notRecorded')}</td>`;
  for (const t of sheet.crews.teams)
    parts.push(
      `<tr><td>${escape(localName(lang, t))}</td>${count('day', t.day)}${count('night', t.night)}<td class="n">${t.total}</td></tr>`,
    );
  const planWord = plan === 'within' ? '' : ` (${L(plan === 'above' ? 'planAbove' : 'planBelow')})`;
  parts.push(
    `<tr><th>${L('total')}</th>${count('day', sheet.crews.totals.day)}${count('night', sheet.crews.totals.night)}<td class="n${plan === 'within' ? '' : ' flag'}">${sheet.crews.totals.workers}${planWord}</td></tr>`,
  );
  parts.push(
    `<tr><td>${L('plan')}</td><td colspan="3">${sheet.crews.plan.minWorkers}–${sheet.crews.plan.maxWorkers}</td></tr>`,
  );
  parts.push(
    `<tr><td>${L('staff')}</td><td colspan="3">${sheet.staff ?? '—'}</td></tr></tbody></table>`,
  );
  return parts.join('\n');
}

/** Panels concreted this day, with their acceptance measurements. */
function finishedHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const parts: string[] = [];
  parts.push(
    `<h2>${L('finished')}</h2><table><thead><tr><th>${L('panels.code')}</th><th>${L('structure')}</th><th>${L('measurements.depthM')}</th><th>${L('measurements.verticalityXPct')}</th><th>${L('measurements.verticalityYPct')}</th><th>${L('measurements.concreteVolumeM3')}</th><th>${L('measurements.overbreakPct')}</th></tr></thead><tbody>`,
  );
  for (const p of sheet.finished) {
    parts.push(
      `<tr><td>${escape(p.code)}</td><td>${escape(p.structureCode)}</td><td class="n">${num(p.depthM, 2)}</td><td class="n">${num(p.verticalityXPct, 2)} (${verticalityRatio(p.verticalityXPct) ?? '—'})</td><td class="n">${num(p.verticalityYPct, 2)} (${verticalityRatio(p.verticalityYPct) ?? '—'})</td><td class="n">${num(p.concreteVolumeM3)}</td><td class="n">${num(p.overbreakPct)}</td></tr>`,
    );
  }
  if (!sheet.finished.length) parts.push('<tr><td colspan="7">—</td></tr>');
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** Panels under way by stage, and each structure's progress. */
function inProgressHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const parts: string[] = [];
  parts.push(
    `<h2>${L('inProgress')}</h2><table><thead><tr><th>${L('stage')}</th><th>${L('panels')}</th></tr></thead><tbody>`,
  );
  for (const g of sheet.inProgress)
    parts.push(`<tr><td>${L(`stages.${g.stage}`)}</td><td>${escape(g.panels.join(' '))}</td></tr>`);
  if (!sheet.inProgress.length) parts.push('<tr><td colspan="2">—</td></tr>');
  parts.push('</tbody></table>');

  parts.push(
    `<h2>${L('progress')}</h2><table><thead><tr><th>${L('structure')}</th><th>${L('finishedCount')}</th><th>${L('totalCount')}</th><th>%</th></tr></thead><tbody>`,
  );
  for (const p of sheet.progress)
    parts.push(
      `<tr><td>${escape(localName(lang, p))}</td><td class="n">${p.finished}</td><td class="n">${p.total}</td><td class="n">${num(p.pct)}</td></tr>`,
    );
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** Milestones with their forecast and, under each, why. */
function milestonesHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const parts: string[] = [];
  parts.push(
    `<h2>${L('milestones')}</h2><table class="milestones"><thead><tr><th>${L('milestonesScreen.name')}</th><th>${L('milestonesScreen.due')}</th><th>${L('milestonesScreen.baseline')}</th><th>${L('milestonesScreen.actual')}</th><th>${L('finishedCount')}</th><th>${L('schedule.p50')}–${L('schedule.p90')}</th><th>${L('schedule.float')}</th></tr></thead><tbody>`,
  );
  for (const m of sheet.milestones) {
    const f = m.forecast;
    const late = f?.status === 'late' || f?.status === 'at_risk';
    parts.push(
      `<tr><td>${escape(localName(lang, m))}</td><td>${m.dueDate}</td><td>${m.baselineDate}</td><td>${m.actualDate ?? '—'}</td><td class="n">${m.finished} / ${m.total}</td><td>${f?.p50 ? `${f.p50} – ${f.p90}` : '—'}</td><td class="n${late ? ' flag' : ''}">${f?.floatDays ?? '—'}</td></tr>`,
    );
    // A reached milestone's row already says when and how much; only open ones are explained.
    if (f && f.status !== 'done')
      parts.push(
        `<tr class="explain"><td colspan="7"><span class="status-${f.status}">${L(`schedule.status.${f.status}`)}</span> ${sheetSentences(
          lang,
          (l) => escape(explainForecast(l, f, m.dueDate, sheet.siteDay)),
        ).join('<br>')}</td></tr>`,
      );
  }
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** The coming days: panels expected to be concreted and crews expected. */
function lookAheadHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const parts: string[] = [];
  const lookAhead = sheet.lookAhead ?? [];
  if (lookAhead.length > 0) {
    parts.push(
      `<h2>${L('schedule.lookAhead')}</h2><table><thead><tr><th>${L('schedule.day')}</th><th>${L('schedule.expected')}</th><th>${L('schedule.crews')}</th></tr></thead><tbody>`,
    );
    for (const d of lookAhead)
      parts.push(
        `<tr><td>${d.day}${d.capacity < 1 ? ` (${Math.round(d.capacity * 100)}%)` : ''}</td><td>${escape(d.panels.map((p) => p.code).join(' '))}</td><td>${d.crews ? escape(sheetLabel(lang, 'schedule.crewsValue', d.crews)) : '—'}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  return parts.join('\n');
}

/** Notes, issues, safety and the sign-off. */
function notesHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const parts: string[] = [];
  parts.push(`<h2>${L('notes')}</h2><table><tbody>
<tr><th>${L('notes')}</th><td>${escape(sheet.notes ?? '—')}</td></tr>
<tr><th>${L('issues')}</th><td>${escape(sheet.issues ?? '—')}</td></tr>
<tr><th>${L('safety')}</th><td>${escape(sheet.safety ?? '—')}</td></tr>
</tbody></table>`);
  const when = (iso: string | null) =>
    iso ? ` ${escape(sheetTime(lang, iso, sheet.project.timezone))}` : '';
  parts.push(
    `<table class="sign"><tbody><tr><th>${L('preparedBy')}</th><td>${escape(sheet.preparedBy ?? '')}${when(sheet.preparedAt)}</td><th>${L('approvedBy')}</th><td>${escape(sheet.approvedBy ?? '')}${when(sheet.approvedAt)}${sheet.revision ? ` (${escape(sheetLabel(lang, 'reports.revision', { revision: sheet.revision }))})` : ''}</td></tr></tbody></table>`,
  );
  return parts.join('\n');
}

/** One or several days in one document; each day starts on a new page. */
export function renderSheetsHtmlString(sheets: DailySheet[], lang: SheetLanguage): string {
  const htmlLang = lang === 'en' ? 'en' : 'zh-CN';
  const title = `${escape(sheetLabel(lang, 'sheet.title'))} ${escape(sheets[0]?.siteDay ?? '')}${sheets.length > 1 ? ` – ${escape(sheets[sheets.length - 1]!.siteDay)}` : ''}`;
  const days = sheets.map(
    (sheet, i) =>
      `<section class="day"${i ? ' style="break-before: page"' : ''}>${renderSheetBody(sheet, lang)}</section>`,
  );
  return `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><title>${title}</title><style>${SHEET_CSS}${PHOTO_CSS}</style></head><body>${days.join('\n')}</body></html>`;
}

export function renderSheetHtmlString(sheet: DailySheet, lang: SheetLanguage): string {
  return renderSheetsHtmlString([sheet], lang);
}

/** The page footer for PDF: "第 x 页 / 共 y 页" or "Page x of y" (Chromium fills the classes). */
export function pageFooter(lang: SheetLanguage): string {
  const text =
    lang === 'en'
      ? 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>'
      : lang === 'zh-CN'
        ? '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页'
        : '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页 · Page <span class="pageNumber"></span> of <span class="totalPages"></span>';
  return `<div style="width:100%;font-size:8pt;text-align:center;font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif">${text}</div>`;
}
