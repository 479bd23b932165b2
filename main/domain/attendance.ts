// Gate punches from the real-name attendance system (实名制考勤) counted into headcounts per site
// day, shift and team (DOMAIN.md). A worker counts once in a shift: the shift whose window holds
// their first "in" punch of that window. A window opens an hour before its shift starts (people
// arrive early): with shifts at 07:00 and 19:00, 06:50 is the day shift, 18:55 the night shift of
// that day, and 01:30 the night shift of the day before. Names and ID numbers are used to tell
// workers apart and never leave this module: only counts and problems by row do. An "out" punch
// closes the shift of the worker's last "in" (a night shift's "out" is the next morning).

/** The columns an export may have; time is required, a worker's name or ID number too. */
export const ATTENDANCE_FIELDS = [
  'name',
  'id',
  'team',
  'trade',
  'time',
  'date',
  'direction',
] as const;
export type AttendanceField = (typeof ATTENDANCE_FIELDS)[number];
export type ColumnMapping = Partial<Record<AttendanceField, number>>;

/** Headers seen in Chinese and English exports, lower-cased, by field. */
const HEADERS: Record<AttendanceField, string[]> = {
  name: ['姓名', '工人姓名', '人员姓名', 'name', 'worker', 'worker name'],
  id: [
    '身份证号',
    '身份证号码',
    '证件号码',
    '证件号',
    '工号',
    'id',
    'id number',
    'id no',
    'worker no',
  ],
  team: ['班组', '班组名称', '所属班组', 'team', 'crew'],
  trade: ['工种', '工种名称', 'trade', 'work type'],
  time: ['刷卡时间', '考勤时间', '打卡时间', '通行时间', 'time', 'punch time', 'datetime'],
  date: ['日期', '考勤日期', '刷卡日期', 'date'],
  direction: ['进出方向', '方向', '进出', '出入方向', 'direction', 'in/out'],
};

/** The columns recognised from a header row: each field's column index. */
export function recogniseHeaders(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    for (const field of ATTENDANCE_FIELDS)
      if (mapping[field] === undefined && HEADERS[field].includes(h)) mapping[field] = i;
  });
  return mapping;
}

/** What a mapping lacks to be counted from, or null when it can be. */
export function mappingProblem(mapping: ColumnMapping): string | null {
  if (mapping.time === undefined) return 'no time column (刷卡时间/考勤时间/打卡时间)';
  if (mapping.team === undefined) return 'no team column (班组)';
  if (mapping.name === undefined && mapping.id === undefined)
    return 'no worker column (姓名 or 身份证号)';
  return null;
}

export interface ShiftWindows {
  dayStart: string;
  nightStart: string;
}

/** How early a shift's window opens before the shift starts. */
export const EARLY_MINUTES = 60;

export interface AttendanceProblem {
  row: number;
  reason: string;
}

export interface AttendanceCount {
  siteDay: string;
  shift: 'day' | 'night';
  /** The team as the file names it. */
  team: string;
  headcount: number;
}

export interface AttendanceResult {
  rows: number;
  punches: number;
  workers: number;
  from: string | null;
  to: string | null;
  teams: string[];
  counts: AttendanceCount[];
  problems: AttendanceProblem[];
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** "2023-01-27 06:50[:00]", "2023/1/27 6:50", with a separate date column, or Excel's text. */
export function parsePunchTime(
  time: string,
  date?: string,
): { day: string; minutes: number } | null {
  const text = `${date ? `${date.trim()} ` : ''}${time.trim()}`;
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(
      text,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59) return null;
  const day = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (
    Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
    new Date(`${day}T00:00:00Z`).getUTCDate() !== d
  )
    return null;
  return { day, minutes: h! * 60 + mi! };
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The site day and shift whose window holds a punch. */
export function shiftOf(
  day: string,
  minutes: number,
  windows: ShiftWindows,
): { siteDay: string; shift: 'day' | 'night' } {
  const dayOpens = minutesOf(windows.dayStart) - EARLY_MINUTES;
  const nightOpens = minutesOf(windows.nightStart) - EARLY_MINUTES;
  if (minutes >= dayOpens && minutes < nightOpens) return { siteDay: day, shift: 'day' };
  if (minutes >= nightOpens) return { siteDay: day, shift: 'night' };
  return { siteDay: previousDay(day), shift: 'night' };
}

const IN = new Set(['进', '入', '进场', '进入', 'in', 'enter', 'entry', '1']);
const OUT = new Set(['出', '出场', '离开', 'out', 'exit', 'leave', '0', '2']);

type Direction = 'in' | 'out';

function directionOf(raw: string | undefined): Direction | null | 'unknown' {
  if (raw === undefined) return null;
  const v = raw.trim().toLowerCase();
  if (IN.has(v)) return 'in';
  if (OUT.has(v)) return 'out';
  return 'unknown';
}

export interface Punch {
  row: number;
  worker: string;
  team: string;
  siteDay: string;
  shift: 'day' | 'night';
  at: number;
  direction: Direction;
}

/**
 * One data row as a punch, or null (a blank row, or a problem, listed). A worker is told apart by
 * their ID number and name together; neither leaves the punch reader but as that key.
 */
export function punchOf(
  r: readonly string[],
  row: number,
  mapping: ColumnMapping,
  windows: ShiftWindows,
  problems: AttendanceProblem[],
): Punch | null {
  const get = (f: AttendanceField) =>
    mapping[f] === undefined ? undefined : (r[mapping[f]!] ?? '').trim();
  if (r.every((c) => !c.trim())) return null;
  const problem = (reason: string) => (problems.push({ row, reason }), null);
  // Masked ID numbers can repeat: the name and the number together tell workers apart.
  const worker = [get('id'), get('name')].filter(Boolean).join('\u0000');
  const team = get('team');
  const when = parsePunchTime(get('time') ?? '', get('date'));
  const direction = directionOf(get('direction'));
  if (!worker) return problem('no worker name or ID number');
  if (!team) return problem('no team');
  if (!when) return problem(`unreadable time "${get('time') ?? ''}"`);
  if (direction === 'unknown') return problem(`unknown direction "${get('direction')}"`);
  const { siteDay, shift } = shiftOf(when.day, when.minutes, windows);
  const at = Date.parse(`${when.day}T00:00:00Z`) / 60_000 + when.minutes;
  return { row, worker, team, siteDay, shift, at, direction: direction ?? 'in' };
}

/** An "out" more than this long after the worker's last "in" has no "in" of its own. */
const LONGEST_SHIFT_MINUTES = 16 * 60;

/** Exact repeats and punches after today leave the count, each listed by row. */
function usablePunches(all: Punch[], today: string, problems: AttendanceProblem[]): Punch[] {
  // Per worker, each punch as a number: its minute, doubled, plus one for an "out".
  const seen = new Map<string, Set<number>>();
  return all.filter((p) => {
    const own = seen.get(p.worker) ?? seen.set(p.worker, new Set()).get(p.worker)!;
    const key = p.at * 2 + (p.direction === 'out' ? 1 : 0);
    if (own.has(key)) {
      problems.push({ row: p.row, reason: 'the same punch again (counted once)' });
      return false;
    }
    own.add(key);
    if (p.siteDay > today) {
      problems.push({ row: p.row, reason: `after today (${p.siteDay})` });
      return false;
    }
    return true;
  });
}

/**
 * Headcounts per site day, shift and team from a table of punches (the header row excluded;
 * `firstRow` is the file's row number of the first data row). A worker's "in" counts them in the
 * shift whose window holds it, once per shift; an "out" closes it. Odd cases are listed by row
 * and never guessed: an "out" with no "in" before it, a worker in two teams on one day, a punch
 * repeated exactly, a punch after today.
 */
export function countAttendance(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  windows: ShiftWindows,
  options: { firstRow: number; today: string },
): AttendanceResult {
  const problems: AttendanceProblem[] = [];
  const punches = rows.flatMap((r, i) => {
    const p = punchOf(r, options.firstRow + i, mapping, windows, problems);
    return p ? [p] : [];
  });
  return tallyPunches(punches, rows.length, options.today, problems);
}

/** The counts from punches read one row at a time (`rows`: how many data rows were read). */
export function tallyPunches(
  read: Punch[],
  rows: number,
  today: string,
  problems: AttendanceProblem[],
): AttendanceResult {
  read.sort((a, b) => a.at - b.at || a.row - b.row);
  const punches = usablePunches(read, today, problems);
  const byWorker = new Map<string, Punch[]>();
  for (const p of punches) {
    const list = byWorker.get(p.worker);
    if (list) list.push(p);
    else byWorker.set(p.worker, [p]);
  }
  const counts = new Map<string, AttendanceCount>();
  for (const own of byWorker.values()) {
    // A worker in two teams on one site day is a problem for that day, not a guess.
    const teams = new Map<string, Set<string>>();
    for (const p of own.filter((x) => x.direction === 'in'))
      teams.set(p.siteDay, (teams.get(p.siteDay) ?? new Set()).add(p.team));
    const counted = new Set<string>();
    let lastIn: number | null = null;
    for (const p of own) {
      if (p.direction === 'out') {
        if (lastIn === null || p.at - lastIn > LONGEST_SHIFT_MINUTES)
          problems.push({ row: p.row, reason: 'an "out" punch with no "in" before it' });
        lastIn = null;
        continue;
      }
      lastIn = p.at;
      if (teams.get(p.siteDay)!.size > 1) {
        problems.push({ row: p.row, reason: 'the same worker in two teams on one day' });
        continue;
      }
      const shift = `${p.siteDay}\u0000${p.shift}`;
      if (counted.has(shift)) continue;
      counted.add(shift);
      const key = `${shift}\u0000${p.team}`;
      const count = counts.get(key) ?? {
        siteDay: p.siteDay,
        shift: p.shift,
        team: p.team,
        headcount: 0,
      };
      count.headcount += 1;
      counts.set(key, count);
    }
  }
  const days = [...counts.values()].map((c) => c.siteDay).sort();
  return {
    rows,
    punches: punches.length,
    workers: byWorker.size,
    from: days[0] ?? null,
    to: days[days.length - 1] ?? null,
    teams: [...new Set(punches.map((p) => p.team))].sort(),
    counts: [...counts.values()].sort(
      (a, b) =>
        a.siteDay.localeCompare(b.siteDay) ||
        a.shift.localeCompare(b.shift) ||
        a.team.localeCompare(b.team),
    ),
    problems: problems.sort((a, b) => a.row - b.row),
  };
}
