// The daily sheet's quality checks (质量检查): every measurement recorded on the day, panel by
// panel, against the project's limits, with the result in words.
import type { Knex } from 'knex';
import { findPanel } from '../../../db/repositories/panel-repository';
import type { SheetAcceptance, SheetQaCheck } from '../../domain/daily-sheet';
import { siteDayOf } from '../../domain/site-day';
import { nextDay } from '../../domain/dates';
import { acceptancesSignedBetween } from '../../../db/repositories/acceptance-repository';
import { entryWarnings, measurementLimit } from '../../domain/entry-warnings';
import type { Project } from '../../domain/project';
import { MEASUREMENT_KEYS, type MeasurementKey, type StageEvent } from '../../domain/stages';
import { dayInspections } from '../../../db/repositories/inspection-repository';
import {
  INSPECTIONS,
  inspectionFailures,
  limitsOf,
  type InspectionField,
} from '../../domain/inspections';

export async function sheetQaChecks(
  db: Knex,
  project: Project,
  siteDay: string,
  events: readonly StageEvent[],
): Promise<SheetQaCheck[]> {
  const [stageChecks, tests] = await Promise.all([
    stageRecordChecks(db, project, events),
    dayInspections(db, project.id, siteDay),
  ]);
  // The day's re-tests and slump tests, each value against its limit, failed ones in words.
  const testChecks = tests.flatMap((t) => {
    const failed = new Map(
      inspectionFailures(t.kind, t.values, limitsOf(project.settings)).map((f) => [f.field, f]),
    );
    return (Object.keys(t.values) as InspectionField[]).map(
      (field): SheetQaCheck & { at: string } => {
        const limit = testLimit(project, field);
        return {
          at: t.occurredAt,
          panelCode: t.panelCode,
          stage: INSPECTIONS[t.kind].firstIn ?? 'concreting',
          shift: t.shift,
          field,
          value: Number(t.values[field]),
          test: { kind: t.kind, attempt: t.attempt },
          limit,
          pass: limit === null ? null : !failed.has(field),
        };
      },
    );
  });
  return [...stageChecks, ...testChecks]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map(({ at: _at, ...check }) => check);
}

/** The limit a test's value is judged against, as printed; null for one with none (cube sets). */
function testLimit(project: Pick<Project, 'settings'>, field: InspectionField): string | null {
  const { entryLimits } = project.settings;
  if (field === 'slumpMm') return `${entryLimits.slumpMinMm}–${entryLimits.slumpMaxMm}`;
  if (field === 'cubeSets') return null;
  return measurementLimit(field as MeasurementKey, {
    ...limitsOf(project.settings),
    theoreticalM3: null,
  });
}

/** The day's stage records' measurements, each with when it was recorded. */
async function stageRecordChecks(
  db: Knex,
  project: Project,
  events: readonly StageEvent[],
): Promise<(SheetQaCheck & { at: string })[]> {
  const measured = events
    .filter((e) => MEASUREMENT_KEYS.some((k) => typeof e.measurements[k] === 'number'))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const panels = new Map(
    await Promise.all(
      [...new Set(measured.map((e) => e.panelId))].map(
        async (id) => [id, await findPanel(db, id)] as const,
      ),
    ),
  );
  return measured.flatMap((e) => {
    const panel = panels.get(e.panelId);
    return eventChecks(project, e, panel?.theoreticalVolumeM3 ?? null).map((check) => ({
      at: e.occurredAt,
      panelCode: panel?.code ?? '?',
      stage: e.stage,
      shift: e.shift,
      ...check,
    }));
  });
}

/** One stage record's measurements against the project's limits. */
export function eventChecks(
  project: Pick<Project, 'settings'>,
  e: Pick<StageEvent, 'measurements'>,
  theoreticalM3: number | null,
): Pick<SheetQaCheck, 'field' | 'value' | 'limit' | 'pass'>[] {
  const { slurryLimits: slurry, entryLimits: limits } = project.settings;
  const context = { slurry, limits, theoreticalM3 };
  const outside = new Set(entryWarnings(e.measurements, context).map((w) => w.field));
  return MEASUREMENT_KEYS.flatMap((field) => {
    const value = e.measurements[field];
    // Numbers only: the rig that dug is on the panel's record, not a check.
    if (typeof value !== 'number') return [];
    const limit = measurementLimit(field, context);
    return [{ field, value, limit, pass: limit === null ? null : !outside.has(field) }];
  });
}

/** The supervisor's decisions made on the site day (on the site's clock), oldest first. */
export async function sheetAcceptances(
  db: Knex,
  project: Project,
  siteDay: string,
): Promise<SheetAcceptance[]> {
  // Only the UTC days either side can hold the site day's instants, whatever the time zone.
  const around = await acceptancesSignedBetween(
    db,
    project.id,
    nextDay(siteDay, -1),
    nextDay(siteDay, 2),
  );
  return around.filter((a) => siteDayOf(new Date(a.signedAt), project.timezone) === siteDay);
}
