// The daily sheet's quality checks as HTML: each measurement of the day against its limit, the
// result in words (a black-and-white print or a screen reader loses no flag).
import type { DailySheet } from '../domain/daily-sheet';
import { escape, type Label } from './html-format';
import type { SheetLanguage } from './labels';

export function qaHtml(sheet: DailySheet, _lang: SheetLanguage, L: Label): string {
  const checks = sheet.qa ?? [];
  if (!checks.length) return '';
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
      `<tr><td>${escape(c.panelCode)}</td><td>${L(`stages.${c.stage}`)}</td><td>${L(c.shift)}</td><td>${L(`measurements.${c.field}`)}</td><td class="n${c.pass === false ? ' flag' : ''}">${c.value}</td><td>${escape(c.limit ?? '—')}</td>${result}</tr>`,
    );
  }
  parts.push('</tbody></table>');
  return parts.join('\n');
}
