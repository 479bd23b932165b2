// The daily sheet laid out as rows of typed cells, shared by the CSV and XLSX exporters so both
// carry the same content in the same order.
import type { DailySheet, SheetQaCheck } from '../domain/daily-sheet';
import { explainForecast } from '../domain/i18n/schedule-text';
import { localName, sheetLabel, sheetSentences, sheetTime, type SheetLanguage } from './labels';

export type SheetCell = string | number | Date | null;
export interface SheetRow {
  cells: SheetCell[];
  kind: 'title' | 'section' | 'header' | 'data';
  /** Cells out of their limit or plan (the XLSX styles them; the words say so in every format). */
  flagged?: number[];
  /** A photo's thumbnail, which the XLSX shows after the row's cells (the CSV has its name). */
  image?: { dataUri: string; width: number; height: number };
}

/** Appends rows: a section title, a header of label keys, data, a blank line. */
interface RowWriter {
  lang: SheetLanguage;
  L: (key: string) => string;
  rows: SheetRow[];
  section: (key: string) => void;
  header: (...keys: string[]) => void;
  data: (...cells: SheetCell[]) => void;
  /** A data row with some cells flagged. */
  flaggedData: (flagged: number[], ...cells: SheetCell[]) => void;
  blank: () => void;
}

function rowWriter(lang: SheetLanguage): RowWriter {
  const L = (key: string) => sheetLabel(lang, `sheet.${key}`);
  const label = (k: string) => (k.includes('.') ? sheetLabel(lang, k) : L(k));
  const rows: SheetRow[] = [];
  return {
    lang,
    L,
    rows,
    section: (key) => rows.push({ kind: 'section', cells: [label(key)] }),
    header: (...keys) => rows.push({ kind: 'header', cells: keys.map(label) }),
    data: (...cells) => rows.push({ kind: 'data', cells }),
    flaggedData: (flagged, ...cells) =>
      rows.push({ kind: 'data', cells, ...(flagged.length ? { flagged } : {}) }),
    blank: () => rows.push({ kind: 'data', cells: [] }),
  };
}

const asDate = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

export function sheetRows(sheet: DailySheet, lang: SheetLanguage): SheetRow[] {
  const out = rowWriter(lang);
  headRows(out, sheet);
  finishedRows(out, sheet);
  qaRows(out, sheet);
  acceptanceRows(out, sheet);
  progressRows(out, sheet);
  crewRows(out, sheet);
  machineRows(out, sheet);
  materialRows(out, sheet);
  milestoneRows(out, sheet);
  lookAheadRows(out, sheet);
  photoRows(out, sheet);
  closingRows(out, sheet);
  return out.rows;
}

function headRows({ lang, L, rows, data, blank }: RowWriter, sheet: DailySheet): void {
  rows.push({ kind: 'title', cells: [`${L('title')} · ${localName(lang, sheet.project)}`] });
  data(L('date'), asDate(sheet.siteDay));
  if (sheet.project.ownerName || sheet.project.contractorName)
    data(
      sheetLabel(lang, 'setup.owner'),
      sheet.project.ownerName ?? null,
      sheetLabel(lang, 'setup.contractor'),
      sheet.project.contractorName ?? null,
    );
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
  blank();
}

function finishedRows({ section, header, data, blank }: RowWriter, sheet: DailySheet): void {
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
  blank();
}

/** What a check is of: a stage's record, or a test's attempt ("泥浆检测第 2 次"). */
export function qaWhat(lang: SheetLanguage, c: SheetQaCheck): string {
  if (!c.test) return sheetLabel(lang, `stages.${c.stage}`);
  const { kind, attempt } = c.test;
  const one = (l: 'zh-CN' | 'en') =>
    sheetLabel(l, 'inspections.sheetAttempt', {
      kind: sheetLabel(l, `inspections.kinds.${kind}`),
      attempt,
    });
  return lang === 'bilingual' ? `${one('zh-CN')} ${one('en')}` : one(lang);
}

/** The day's measurements against their limits, the result in words. */
function qaRows(out: RowWriter, sheet: DailySheet): void {
  const { lang, L, section, header, flaggedData, blank } = out;
  if (!sheet.qa?.length) return;
  section('qa');
  header('panels.code', 'stage', 'shift', 'qaItem', 'qaValue', 'qaLimit', 'qaResult');
  for (const c of sheet.qa)
    flaggedData(
      c.pass === false ? [4, 6] : [],
      c.panelCode,
      qaWhat(lang, c),
      L(c.shift),
      sheetLabel(lang, `measurements.${c.field}`),
      c.value,
      c.limit,
      L(c.pass === null ? 'qaNoLimit' : c.pass ? 'qaPass' : 'qaOutside'),
    );
  blank();
}

/** The columns of a supervisor's decision, on the sheet and on the panel's record. */
export const ACCEPTANCE_HEADER = [
  'acceptances.point',
  'acceptances.attemptNo',
  'acceptances.decision',
  'acceptances.signedBy',
  'acceptances.signedAt',
  'acceptances.remark',
] as const;

/** The supervisor's decisions of the day; a rejection flagged. */
function acceptanceRows(out: RowWriter, sheet: DailySheet): void {
  const { lang, section, header, flaggedData, blank } = out;
  if (!sheet.acceptances?.length) return;
  section('acceptances.title');
  header('panels.code', ...ACCEPTANCE_HEADER);
  for (const a of sheet.acceptances)
    flaggedData(
      a.decision === 'rejected' ? [3] : [],
      a.panelCode,
      sheetLabel(lang, `acceptances.points.${a.point}`),
      a.attempt,
      sheetLabel(lang, `acceptances.decisions.${a.decision}`),
      a.signerName,
      sheetTime(lang, a.signedAt, sheet.project.timezone),
      a.remark,
    );
  blank();
}

function progressRows(out: RowWriter, sheet: DailySheet): void {
  const { lang, L, section, header, data, blank } = out;
  section('inProgress');
  header('stage', 'panels');
  for (const g of sheet.inProgress) data(sheetLabel(lang, `stages.${g.stage}`), g.panels.join(' '));
  blank();
  section('progress');
  out.rows.push({
    kind: 'header',
    cells: [L('structure'), L('finishedCount'), L('totalCount'), '%'],
  });
  for (const p of sheet.progress) data(localName(lang, p), p.finished, p.total, p.pct);
  blank();
}

function crewRows(out: RowWriter, sheet: DailySheet): void {
  const { lang, L, section, header, data, flaggedData, blank } = out;
  section('crews');
  header('team', 'day', 'night', 'total');
  // A shift with no crew record says so, rather than a 0 for every team.
  const recorded = sheet.crews.recorded ?? { day: true, night: true };
  const count = (shift: 'day' | 'night', n: number) => (recorded[shift] ? n : L('notRecorded'));
  for (const t of sheet.crews.teams)
    data(localName(lang, t), count('day', t.day), count('night', t.night), t.total);
  const { plan } = sheet.crews.totals;
  const total = [
    L('total'),
    count('day', sheet.crews.totals.day),
    count('night', sheet.crews.totals.night),
    sheet.crews.totals.workers,
  ];
  // Outside the plan: the words after the total, and both cells styled.
  if (plan === 'within') flaggedData([], ...total);
  else flaggedData([3, 4], ...total, L(plan === 'above' ? 'planAbove' : 'planBelow'));
  data(L('plan'), sheet.crews.plan.minWorkers, sheet.crews.plan.maxWorkers);
  data(L('staff'), sheet.staff);
  blank();
}

/** Each machine's hours: one row per machine and shift, numbers typed. */
function machineRows({ lang, section, header, data, blank }: RowWriter, sheet: DailySheet): void {
  if (!sheet.machines) return;
  section('machines');
  header(
    'machine',
    'makeModel',
    'machineKind',
    'shift',
    'working',
    'standby',
    'down',
    'downReason',
    'machineNote',
  );
  for (const m of sheet.machines)
    for (const shift of ['day', 'night'] as const) {
      const h = m[shift];
      if (!h) continue;
      data(
        m.code,
        m.makeModel,
        sheetLabel(lang, `machines.kinds.${m.kind}`),
        sheetLabel(lang, `shifts.${shift}`),
        h.working,
        h.standby,
        h.down,
        h.downReason ? sheetLabel(lang, `machines.reasons.${h.downReason}`) : null,
        shift === 'day' || !m.day ? m.note : null,
      );
    }
  blank();
}

/** The day's deliveries and use, then the concrete poured from the pours. */
function materialRows({ lang, section, header, data, blank }: RowWriter, sheet: DailySheet): void {
  const m = sheet.materials;
  if (!m) return;
  section('materials');
  header('materialKind', 'material', 'quantity', 'unit', 'supplier', 'deliveryNote', 'machineNote');
  for (const e of m.entries)
    data(
      sheetLabel(lang, `machines.materialKinds.${e.kind}`),
      e.material,
      e.quantity,
      sheetLabel(lang, `machines.units.${e.unit}`),
      e.supplier,
      e.deliveryNote,
      e.note,
    );
  header('concretePanels', 'concreteTheoretical', 'concreteActual');
  data(m.concrete.panels, m.concrete.theoreticalM3, m.concrete.actualM3);
  blank();
}

function milestoneRows(out: RowWriter, sheet: DailySheet): void {
  const { lang, section, header, data, blank } = out;
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
  for (const m of sheet.milestones) {
    const f = m.forecast;
    data(
      localName(lang, m),
      asDate(m.dueDate),
      asDate(m.baselineDate),
      asDate(m.actualDate),
      m.finished,
      m.total,
      m.daysToDue,
      asDate(f?.p50),
      asDate(f?.p90),
      f?.floatDays ?? null,
      f ? sheetLabel(lang, `schedule.status.${f.status}`) : null,
    );
    if (f)
      for (const sentence of sheetSentences(lang, (l) =>
        explainForecast(l, f, m.dueDate, sheet.siteDay),
      ))
        data(sentence);
  }
  blank();
}

function lookAheadRows({ lang, section, header, data, blank }: RowWriter, sheet: DailySheet): void {
  const lookAhead = sheet.lookAhead ?? [];
  if (lookAhead.length === 0) return;
  section('schedule.lookAhead');
  header('schedule.day', 'schedule.capacity', 'schedule.expected', 'schedule.crews');
  for (const d of lookAhead)
    data(
      asDate(d.day),
      d.capacity,
      d.panels.map((p) => p.code).join(' '),
      d.crews ? sheetLabel(lang, 'schedule.crewsValue', d.crews) : null,
    );
  blank();
}

function closingRows({ lang, L, data }: RowWriter, sheet: DailySheet): void {
  const tz = sheet.project.timezone;
  data(L('notes'), sheet.notes);
  data(L('issues'), sheet.issues);
  data(L('safety'), sheet.safety);
  data(
    L('preparedBy'),
    sheet.preparedBy,
    sheetTime(lang, sheet.preparedAt, tz),
    L('approvedBy'),
    sheet.approvedBy,
    sheetTime(lang, sheet.approvedAt, tz),
    sheet.revision,
  );
}

/** Every photo and file chosen for the sheet (the HTML shows only the first dozen photos). */
function photoRows({ lang, rows, section, header, blank }: RowWriter, sheet: DailySheet): void {
  if (!sheet.photos?.length) return;
  section('photos');
  header('photoTaken', 'photoFile', 'photoPanel', 'photoStage', 'photoAttached', 'photoCaption');
  for (const p of sheet.photos)
    rows.push({
      kind: 'data',
      cells: [
        p.takenAt.replace('T', ' ').slice(0, 16),
        p.fileName,
        p.panelCode,
        p.stage ? sheetLabel(lang, `stages.${p.stage}`) : null,
        sheetLabel(lang, `sheet.owners.${p.ownerType}`),
        p.caption || null,
      ],
      ...(p.image && p.imagePx ? { image: { dataUri: p.image, ...p.imagePx } } : {}),
    });
  blank();
}
