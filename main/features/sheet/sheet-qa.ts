// The daily sheet's quality checks (质量检查): every measurement recorded on the day, panel by
// panel, against the project's limits, with the result in words.
import type { Knex } from 'knex';
import { findPanel } from '../../../db/repositories/panel-repository';
import type { SheetAcceptance, SheetQaCheck } from '../../domain/daily-sheet';
import { siteDayOf } from '../../domain/site-day';
import { entryWarnings, measurementLimit } from '../../domain/entry-warnings';
import type { Project } from '../../domain/project';
import { MEASUREMENT_KEYS, type StageEvent } from '../../domain/stages';

export async function sheetQaChecks(
  db: Knex,
  project: Project,
  events: readonly StageEvent[],
): Promise<SheetQaCheck[]> {
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
  const rows = (await db('acceptances as a')
    .join('panels as p', 'p.id', 'a.panel_id')
    .where({ 'a.project_id': project.id })
    .whereNull('a.deleted_at')
    .orderBy('a.signed_at')
    .select(
      'p.code as panelCode',
      'a.point',
      'a.attempt',
      'a.decision',
      'a.remark',
      'a.signer_name as signerName',
      'a.signed_at as signedAt',
    )) as SheetAcceptance[];
  return rows
    .filter((a) => siteDayOf(new Date(a.signedAt), project.timezone) === siteDay)
    .map((a) => ({ ...a, attempt: Number(a.attempt) }));
}
