// The daily sheet laid out as rows of typed cells, shared by the CSV and XLSX exporters so both
// carry the same content in the same order.
import type { DailySheet } from '../domain/daily-sheet';
import { explainForecast } from '../domain/i18n/schedule-text';
import { localName, sheetLabel, sheetSentences, type SheetLanguage } from './labels';

export type SheetCell = string | number | Date | null;
export interface SheetRow {
  cells: SheetCell[];
  kind: 'title' | 'section' | 'header' | 'data';
}

export function sheetRows(sheet: DailySheet, lang: SheetLanguage): SheetRow[] {
  const L = (key: string) => sheetLabel(lang, `sheet.${key}`);
  const rows: SheetRow[] = [];
  const section = (key: string) =>
    rows.push({ kind: 'section', cells: [key.includes('.') ? sheetLabel(lang, key) : L(key)] });
  const header = (...keys: string[]) =>
    rows.push({
      kind: 'header',
      cells: keys.map((k) => (k.includes('.') ? sheetLabel(lang, k) : L(k))),
    });
  const data = (...cells: SheetCell[]) => rows.push({ kind: 'data', cells });

  rows.push({ kind: 'title', cells: [`${L('title')} · ${localName(lang, sheet.project)}`] });
  data(L('date'), new Date(`${sheet.siteDay}T00:00:00Z`));
  const w = sheet.weather;
  data(
    L('weatherAm'),
    w?.am ? sheetLabel(lang, `weather.${w.am}`) : null,
    L('weatherPm'),
    w?.pm ? sheetLabel(lang, `weather.${w.pm}`) : null,
  );
  data(L('temperature'), w?.tempMinC ?? null, w?.tempMaxC ?? null, L('wind'), w?.wind ?? null);
  data(L('location'), sheet.location);
  if (sheet.empty) data(L('empty'));
  rows.push({ kind: 'data', cells: [] });

  section('finished');
  header(
    'panels.code',
    'structure',
    'measurements.depthM',
    'measurements.verticalityXPct',
    'measurements.verticalityYPct',
    'measurements.concreteVolumeM3',
    'panels.volume',
    'measurements.overbreakPct',
  );
  for (const p of sheet.finished) {
    data(
      p.code,
      p.structureCode,
      p.depthM,
      p.verticalityXPct,
      p.verticalityYPct,
      p.concreteVolumeM3,
      p.theoreticalVolumeM3,
      p.overbreakPct,
    );
  }
  if (sheet.finished.length === 0) data('—');
  rows.push({ kind: 'data', cells: [] });

  section('inProgress');
  header('stage', 'panels');
  for (const g of sheet.inProgress) data(sheetLabel(lang, `stages.${g.stage}`), g.panels.join(' '));
  rows.push({ kind: 'data', cells: [] });

  section('progress');
  rows.push({ kind: 'header', cells: [L('structure'), L('finishedCount'), L('totalCount'), '%'] });
  for (const p of sheet.progress) data(localName(lang, p), p.finished, p.total, p.pct);
  rows.push({ kind: 'data', cells: [] });

  section('crews');
  header('team', 'day', 'night', 'total');
  for (const t of sheet.crews.teams) data(localName(lang, t), t.day, t.night, t.total);
  data(L('total'), sheet.crews.totals.day, sheet.crews.totals.night, sheet.crews.totals.workers);
  data(L('plan'), sheet.crews.plan.minWorkers, sheet.crews.plan.maxWorkers);
  data(L('staff'), sheet.staff);
  rows.push({ kind: 'data', cells: [] });

  section('milestones');
  header(
    'milestonesScreen.name',
    'milestonesScreen.due',
    'milestonesScreen.baseline',
    'milestonesScreen.actual',
    'finishedCount',
    'totalCount',
    'daysToDue',
    'schedule.p50',
    'schedule.p90',
    'schedule.float',
    'schedule.status.title',
  );
  const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const m of sheet.milestones) {
    const f = m.forecast;
    data(
      localName(lang, m),
      day(m.dueDate),
      day(m.baselineDate),
      day(m.actualDate),
      m.finished,
      m.total,
      m.daysToDue,
      day(f?.p50),
      day(f?.p90),
      f?.floatDays ?? null,
      f ? sheetLabel(lang, `schedule.status.${f.status}`) : null,
    );
    if (f)
      for (const sentence of sheetSentences(lang, (l) =>
        explainForecast(l, f, m.dueDate, sheet.siteDay),
      ))
        data(sentence);
  }
  rows.push({ kind: 'data', cells: [] });

  const lookAhead = sheet.lookAhead ?? [];
  if (lookAhead.length > 0) {
    section('schedule.lookAhead');
    header('schedule.day', 'schedule.capacity', 'schedule.expected', 'schedule.crews');
    for (const d of lookAhead)
      data(
        day(d.day),
        d.capacity,
        d.panels.map((p) => p.code).join(' '),
        d.crews ? sheetLabel(lang, 'schedule.crewsValue', d.crews) : null,
      );
    rows.push({ kind: 'data', cells: [] });
  }

  data(L('notes'), sheet.notes);
  data(L('issues'), sheet.issues);
  data(L('safety'), sheet.safety);
  data(
    L('preparedBy'),
    sheet.preparedBy,
    sheet.preparedAt,
    L('approvedBy'),
    sheet.approvedBy,
    sheet.approvedAt,
    sheet.revision,
  );
  return rows;
}
