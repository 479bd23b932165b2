// The daily sheet's quality checks (质量检查): every measurement recorded on the day, panel by
// panel, against the project's limits, with the result in words.
import type { Knex } from 'knex';
import { findPanel } from '../../../db/repositories/panel-repository';
import type { SheetQaCheck } from '../../domain/daily-sheet';
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
  const { slurryLimits: slurry, entryLimits: limits } = project.settings;
  return measured.flatMap((e) => {
    const panel = panels.get(e.panelId);
    const context = { slurry, limits, theoreticalM3: panel?.theoreticalVolumeM3 ?? null };
    const outside = new Set(entryWarnings(e.measurements, context).map((w) => w.field));
    return MEASUREMENT_KEYS.flatMap((field) => {
      const value = e.measurements[field];
      // Numbers only: the rig that dug is on the panel's record, not a check.
      if (typeof value !== 'number') return [];
      const limit = measurementLimit(field, context);
      return [
        {
          panelCode: panel?.code ?? '?',
          stage: e.stage,
          shift: e.shift,
          field,
          value,
          limit,
          pass: limit === null ? null : !outside.has(field),
        },
      ];
    });
  });
}
