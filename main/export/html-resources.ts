// The sheet's equipment (机械设备) and materials (材料) sections in HTML.
import type { DailySheet, SheetMachineHours } from '../domain/daily-sheet';
import { escape, num, type Label } from './html-format';
import { sheetLabel, type SheetLanguage } from './labels';

const hoursCells = (h: SheetMachineHours | null, lang: SheetLanguage) =>
  h
    ? `<td class="n">${num(h.working, 2)}</td><td class="n">${num(h.standby, 2)}</td><td class="n">${num(h.down, 2)}</td><td>${h.downReason ? escape(sheetLabel(lang, `machines.reasons.${h.downReason}`)) : ''}</td>`
    : '<td colspan="4">—</td>';

/** Each machine that has hours on the day: working, standby and down per shift, and why down. */
export function machinesHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  if (!sheet.machines) return '';
  const hoursHead = `<th>${L('working')}</th><th>${L('standby')}</th><th>${L('down')}</th><th>${L('downReason')}</th>`;
  const parts = [
    `<h2>${L('machines')}</h2><table class="machines"><thead><tr><th rowspan="2">${L('machine')}</th><th rowspan="2">${L('machineKind')}</th><th colspan="4">${L('day')}</th><th colspan="4">${L('night')}</th><th rowspan="2">${L('machineNote')}</th></tr><tr>${hoursHead}${hoursHead}</tr></thead><tbody>`,
  ];
  for (const m of sheet.machines)
    parts.push(
      `<tr><td>${escape(m.code)}${m.makeModel ? `<br><small>${escape(m.makeModel)}</small>` : ''}</td><td>${escape(sheetLabel(lang, `machines.kinds.${m.kind}`))}</td>${hoursCells(m.day, lang)}${hoursCells(m.night, lang)}<td>${escape(m.note ?? '')}</td></tr>`,
    );
  if (!sheet.machines.length) parts.push('<tr><td colspan="11">—</td></tr>');
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** Deliveries and use, and the concrete poured (from the pours, never typed twice). */
export function materialsHtml(sheet: DailySheet, lang: SheetLanguage, L: Label): string {
  const m = sheet.materials;
  if (!m) return '';
  const parts = [
    `<h2>${L('materials')}</h2><table class="materials"><thead><tr><th>${L('materialKind')}</th><th>${L('material')}</th><th>${L('quantity')}</th><th>${L('unit')}</th><th>${L('supplier')}</th><th>${L('deliveryNote')}</th><th>${L('machineNote')}</th></tr></thead><tbody>`,
  ];
  for (const e of m.entries)
    parts.push(
      `<tr><td>${escape(sheetLabel(lang, `machines.materialKinds.${e.kind}`))}</td><td>${escape(e.material)}</td><td class="n">${e.quantity}</td><td>${escape(sheetLabel(lang, `machines.units.${e.unit}`))}</td><td>${escape(e.supplier ?? '')}</td><td>${escape(e.deliveryNote ?? '')}</td><td>${escape(e.note ?? '')}</td></tr>`,
    );
  if (!m.entries.length) parts.push('<tr><td colspan="7">—</td></tr>');
  parts.push(
    `<tr><td colspan="7">${escape(
      sheetLabel(lang, 'sheet.concretePoured', {
        panels: m.concrete.panels,
        theoretical: m.concrete.theoreticalM3,
        actual: m.concrete.actualM3,
      }),
    )}</td></tr></tbody></table>`,
  );
  return parts.join('\n');
}
