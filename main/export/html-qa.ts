// The daily sheet's quality checks as HTML: each measurement of the day against its limit, the
// result in words (a black-and-white print or a screen reader loses no flag).
import type { DailySheet } from '../domain/daily-sheet';
import { escape, type Label } from './html-format';
import { sheetLabel, sheetTime, type SheetLanguage } from './labels';
import { qaWhat } from './sheet-table';

export function qaHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const checks = sheet.qa ?? [];
  if (!checks.length) return acceptancesHtml(sheet, lang, L);
  const parts = [
    `<h2>${L('qa')}</h2><table class="qa"><thead><tr><th>${L('panels.code')}</th><th>${L('stage')}</th><th>${L('shift')}</th><th>${L('qaItem')}</th><th>${L('qaValue')}</th><th>${L('qaLimit')}</th><th>${L('qaResult')}</th></tr></thead><tbody>`,
  ];
  for (const c of checks) {
    const result =
      c.pass === null
        ? `<td>${L('qaNoLimit')}</td>`
        : c.pass
          ? `<td>${L('qaPass')}</td>`
          : `<td class="flag">${L('qaOutside')}</td>`;
    parts.push(
      `<tr><td>${escape(c.panelCode)}</td><td>${escape(qaWhat(lang, c))}</td><td>${L(c.shift)}</td><td>${L(`measurements.${c.field}`)}</td><td class="n${c.pass === false ? ' flag' : ''}">${c.value}</td><td>${escape(c.limit ?? '—')}</td>${result}</tr>`,
    );
  }
  parts.push('</tbody></table>');
  return [...parts, acceptancesHtml(sheet, lang, L)].join('\n');
}

/** The supervisor's decisions of the day: who, when, and the remark of a rejection. */
function acceptancesHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const decided = sheet.acceptances ?? [];
  if (!decided.length) return '';
  const parts = [
    `<h2>${L('acceptances.title')}</h2><table class="acceptances"><thead><tr><th>${L('panels.code')}</th><th>${L('acceptances.point')}</th><th>${L('acceptances.decision')}</th><th>${L('acceptances.signedBy')}</th><th>${L('acceptances.signedAt')}</th><th>${L('acceptances.remark')}</th></tr></thead><tbody>`,
  ];
  for (const a of decided)
    parts.push(
      `<tr><td>${escape(a.panelCode)}</td><td>${L(`acceptances.points.${a.point}`)} (${escape(sheetLabel(lang, 'acceptances.attempt', { attempt: a.attempt }))})</td><td${a.decision === 'rejected' ? ' class="flag"' : ''}>${L(`acceptances.decisions.${a.decision}`)}</td><td>${escape(a.signerName)}</td><td>${escape(sheetTime(lang, a.signedAt, sheet.project.timezone))}</td><td>${escape(a.remark ?? '—')}</td></tr>`,
    );
  parts.push('</tbody></table>');
  return parts.join('\n');
}
