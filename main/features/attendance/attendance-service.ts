// Headcounts from the gate's real-name attendance export: the file is bounded and read on a worker
// thread, where names and ID numbers are used to count and stay; here only counts arrive. The
// preview sets each day's count beside what is recorded; the commit writes crew records through
// the ordinary synced write path, all in one write, marked with the file's name, remembers the
// team mapping, and keeps the file's fingerprint so the same file again changes nothing.
import { createHash } from 'node:crypto';
import { listCrewRecords, listTeams } from '../../../db/repositories/crew-repository';
import type { ColumnMapping } from '../../domain/attendance';
import { siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import type { Team } from '../../domain/project';
import type { Store } from '../../sync/store';
import { parseOffThread } from '../off-thread/parse-off-thread';
import type { AttendanceOptions, AttendanceReading } from '../off-thread/parse-worker';
import { getProject } from '../project/project-service';
import type { AttendanceCommit, AttendanceDayRow, AttendancePreview } from './contract';
import { findImport, teamAliases } from '../../../db/repositories/attendance-repository';

/** The worker's bounds: enough heap and time for the largest file the size limits let through. */
const ATTENDANCE_WORKER = { memoryMb: 256, timeoutMs: 60_000, transfer: true };

/** Problems listed in the preview; the count says how many there are in all. */
const PROBLEMS_SHOWN = 1000;

export interface AttendanceFile {
  projectId: string;
  fileName: string;
  bytes: Uint8Array;
  mapping?: ColumnMapping | undefined;
}

/**
 * What this app read of recent files, by the file's fingerprint and how it was read: the commit
 * that follows a preview reuses the preview's reading instead of parsing the file again (most of
 * its time). Counts only (names and ID numbers stay in the worker); a few files, a few minutes.
 */
const READINGS_KEPT = 4;
const READING_KEPT_MS = 15 * 60_000;
interface Readings {
  /** How many files this app has parsed (the tests' measure of reuse). */
  parsed: number;
  kept: Map<string, { at: number; reading: AttendanceReading }>;
}
const readings = new WeakMap<Store, Readings>();

export const attendanceFilesParsed = (store: Store): number => readings.get(store)?.parsed ?? 0;

/**
 * The file as the worker counts it. Its fingerprint is taken before the bytes are handed to the
 * worker (not copied); a commit passes the one it has already taken.
 */
async function read(store: Store, input: AttendanceFile, fingerprint = fingerprintOf(input.bytes)) {
  const project = await getProject(store.db, input.projectId);
  const options: AttendanceOptions = {
    fileName: input.fileName,
    mapping: input.mapping ?? null,
    windows: project.settings.shiftHours,
    today: siteDayOf(store.now(), project.timezone),
  };
  const mine: Readings = readings.get(store) ?? { parsed: 0, kept: new Map() };
  readings.set(store, mine);
  const { kept } = mine;
  const key = `${fingerprint}|${JSON.stringify(options)}`;
  const now = Date.now();
  for (const [k, v] of kept) if (now - v.at > READING_KEPT_MS) kept.delete(k);
  let reading = kept.get(key)?.reading;
  if (!reading) {
    mine.parsed += 1;
    reading = (await parseOffThread(
      'attendance',
      input.bytes,
      input.fileName,
      ATTENDANCE_WORKER,
      options,
    )) as AttendanceReading;
  }
  kept.delete(key);
  kept.set(key, { at: now, reading });
  while (kept.size > READINGS_KEPT) kept.delete(kept.keys().next().value!);
  return { project, reading, fingerprint };
}

const fingerprintOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The teams the file counts workers in (a team only in problem rows needs no mapping). */
const countedTeams = (r: AttendanceReading['result']): string[] =>
  [...new Set((r?.counts ?? []).map((c) => c.team))].sort();

/** A file team's project team: as mapped before, else the team whose code or name it is. */
function suggest(name: string, teams: Team[], remembered: Map<string, string>): string | null {
  const live = teams.filter((t) => !t.retiredAt);
  const known = remembered.get(name);
  if (known && live.some((t) => t.id === known)) return known;
  const n = name.trim().toLowerCase();
  return (
    live.find((t) => [t.code, t.nameZh, t.nameEn].some((x) => x.trim().toLowerCase() === n))?.id ??
    null
  );
}

export async function previewAttendance(
  store: Store,
  input: AttendanceFile,
): Promise<AttendancePreview> {
  const { reading, fingerprint } = await read(store, input);
  const [teams, remembered, before] = await Promise.all([
    listTeams(store.db, input.projectId),
    teamAliases(store.db, input.projectId),
    findImport(store.db, input.projectId, fingerprint),
  ]);
  const r = reading.result;
  const mapped = new Map(
    countedTeams(r).map((name) => [name, suggest(name, teams, remembered)] as const),
  );
  const recorded = r?.from
    ? await listCrewRecords(store.db, input.projectId, r.from, r.to ?? r.from)
    : [];
  const days: AttendanceDayRow[] = (r?.counts ?? []).map((c) => {
    const teamId = mapped.get(c.team) ?? null;
    const now = recorded.find(
      (x) => x.siteDay === c.siteDay && x.shift === c.shift && x.teamId === teamId,
    );
    return { ...c, teamId, recorded: now ? now.headcount : null };
  });
  return {
    fileName: input.fileName,
    encoding: reading.encoding,
    headers: reading.headers,
    mapping: reading.mapping,
    mappingProblem: reading.mappingProblem,
    alreadyImported: before,
    rows: r?.rows ?? 0,
    punches: r?.punches ?? 0,
    workers: r?.workers ?? 0,
    from: r?.from ?? null,
    to: r?.to ?? null,
    teams: [...mapped].map(([name, teamId]) => ({ name, teamId })),
    days,
    problems: (r?.problems ?? []).slice(0, PROBLEMS_SHOWN),
    problemCount: r?.problems.length ?? 0,
  };
}

export async function commitAttendance(
  store: Store,
  input: AttendanceFile & { teams: { name: string; teamId: string }[] },
): Promise<AttendanceCommit> {
  // The same file again is known by its fingerprint before it is read at all.
  const fingerprint = fingerprintOf(input.bytes);
  if (await findImport(store.db, input.projectId, fingerprint))
    return { records: 0, days: 0, alreadyImported: true };
  const { project, reading } = await read(store, input, fingerprint);
  const r = reading.result;
  if (!r)
    throw new AppError('input.invalid', {
      issues: [{ path: 'mapping', message: reading.mappingProblem ?? 'no columns' }],
    });
  const [teams, remembered] = await Promise.all([
    listTeams(store.db, input.projectId),
    teamAliases(store.db, input.projectId),
  ]);
  const live = new Set(teams.filter((t) => !t.retiredAt).map((t) => t.id));
  // The user's mapping first; a team they left alone maps as the preview suggested.
  const given = new Map(input.teams.map((t) => [t.name, t.teamId]));
  const teamOf = new Map(
    countedTeams(r).map((name) => [name, given.get(name) ?? suggest(name, teams, remembered)]),
  );
  const issues = [...teamOf].flatMap(([name, teamId], i) =>
    teamId && live.has(teamId)
      ? []
      : [
          issue(`teams.${i}`, 'issues.teamNotMapped', `"${name}" is not mapped to a team`, {
            name,
          }),
        ],
  );
  if (issues.length) throw new AppError('input.invalid', { issues });
  // Two file teams may be one project team: their counts add up.
  const records = new Map<string, { siteDay: string; shift: string; teamId: string; n: number }>();
  for (const c of r.counts) {
    const teamId = teamOf.get(c.team)!;
    const key = `${c.siteDay}|${c.shift}|${teamId}`;
    const record = records.get(key) ?? { siteDay: c.siteDay, shift: c.shift, teamId, n: 0 };
    record.n += c.headcount;
    records.set(key, record);
  }
  const existing = r.from ? await listCrewRecords(store.db, input.projectId, r.from, r.to!) : [];
  const has = new Set(existing.map((x) => `${x.siteDay}|${x.shift}|${x.teamId}`));
  const source = `attendance: ${input.fileName}`.slice(0, 255);
  await store.write(async (w) => {
    for (const [key, c] of records) {
      const values: Record<string, string | number> = { headcount: c.n, source };
      if (!has.has(key)) values.hours = project.settings.shiftHours.hoursPerShift;
      await w.upsert(
        'crew_shifts',
        { project_id: input.projectId, site_day: c.siteDay, shift: c.shift, team_id: c.teamId },
        values,
      );
    }
    for (const [alias, teamId] of given)
      if (teamOf.has(alias))
        await w.upsert('team_aliases', { project_id: input.projectId, alias }, { team_id: teamId });
    await w.upsert(
      'attendance_imports',
      { project_id: input.projectId, fingerprint },
      {
        file_name: input.fileName.slice(0, 255),
        imported_by: store.identity.userName,
        imported_at: w.at,
        from_day: r.from,
        to_day: r.to,
        records: records.size,
      },
    );
  });
  return {
    records: records.size,
    days: new Set([...records.values()].map((c) => c.siteDay)).size,
    alreadyImported: false,
  };
}
