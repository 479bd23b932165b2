import type { Knex } from 'knex';
import {
  listCrewRecords,
  listTeams,
  staffCount,
  teamTimezone,
} from '../../../db/repositories/crew-repository';
import { fieldVersions } from '../../../db/repositories/sync-repository';
import {
  CREW_FIELDS,
  crewTotals,
  type CrewDay,
  type CrewField,
  type CrewShiftRecord,
} from '../../domain/crews';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import type { Shift } from '../../domain/stages';
import { getProject } from '../project/project-service';
import type { Store } from '../../sync/store';

export async function getCrewDay(db: Knex, projectId: string, siteDay: string): Promise<CrewDay> {
  const project = await getProject(db, projectId);
  const [teams, records, staff] = await Promise.all([
    listTeams(db, projectId),
    listCrewRecords(db, projectId, siteDay, siteDay),
    staffCount(db, projectId, siteDay),
  ]);
  const plan = project.settings.crewPlan;
  const withVersions = await withFieldVersions(db, records);
  return {
    siteDay,
    // A retired team leaves the form, except on a day it has a record of.
    teams: teams.filter((t) => !t.retiredAt || records.some((r) => r.teamId === t.id)),
    records: withVersions,
    staff,
    totals: crewTotals(records, staff, plan),
    plan,
  };
}

/** Each record with the versions of its fields, for the form that edits the day. */
async function withFieldVersions(db: Knex, records: CrewShiftRecord[]): Promise<CrewShiftRecord[]> {
  const versions = await fieldVersions(
    db,
    'crew_shifts',
    records.map((r) => r.id),
    CREW_FIELDS,
  );
  return records.map((r) => ({ ...r, versions: versions.get(r.id)! }));
}

export interface SetCrewInput {
  projectId: string;
  siteDay: string;
  shift: Shift;
  teamId: string;
  headcount?: number | undefined;
  hours?: number | undefined;
  foreman?: string | null | undefined;
  /** The version of each field the user saw when the form opened. */
  seen?: Partial<Record<CrewField, string | null>> | undefined;
}

/**
 * Records a team's headcount for a shift: the one record of that day, shift and team (its id is
 * derived from them, so another laptop's entry for the same shift is the same record).
 */
export async function recordCrewShift(store: Store, input: SetCrewInput): Promise<string> {
  // The team's project and time zone in one read: the write path stays short (bench: crew write).
  const timezone = await teamTimezone(store.db, input.projectId, input.teamId);
  if (!timezone) {
    await getProject(store.db, input.projectId); // a missing project is named as such
    throw new AppError('not_found', { entity: 'team', id: input.teamId });
  }
  assertNotFuture(input.siteDay, siteDayOf(store.now(), timezone));
  const values: Record<string, string | number | null> = {};
  const seen: Record<string, string | null> = {};
  for (const field of CREW_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    values[field] = value;
    if (input.seen && field in input.seen) seen[field] = input.seen[field] ?? null;
  }
  try {
    return await store.write((w) =>
      w.upsert(
        'crew_shifts',
        {
          project_id: input.projectId,
          site_day: input.siteDay,
          shift: input.shift,
          team_id: input.teamId,
        },
        values,
        seen,
      ),
    );
  } catch (error) {
    // Only a record that does not exist yet can miss a field, and nothing was written.
    if (/NOT NULL constraint failed: crew_shifts\.(headcount|hours)/.test(String(error)))
      throw new AppError('input.invalid', {
        issues: [
          issue('headcount', 'issues.newCrewRecord', 'a new record needs a headcount and hours'),
        ],
      });
    throw error;
  }
}

/** Sets a team's headcount for a shift and returns the day's crews, as the form shows them. */
export async function setCrewShift(store: Store, input: SetCrewInput): Promise<CrewDay> {
  await recordCrewShift(store, input);
  return getCrewDay(store.db, input.projectId, input.siteDay);
}

export async function setStaffCount(
  store: Store,
  input: { projectId: string; siteDay: string; headcount: number },
): Promise<CrewDay> {
  const project = await getProject(store.db, input.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  await store.write((w) =>
    w.upsert(
      'staff_counts',
      { project_id: input.projectId, site_day: input.siteDay },
      { headcount: input.headcount },
    ),
  );
  return getCrewDay(store.db, input.projectId, input.siteDay);
}
