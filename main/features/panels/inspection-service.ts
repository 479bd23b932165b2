// Inspections as records (issue 28): a re-test is the next attempt of a panel's test, kept beside
// the failed one; a correction of a stage record or an attempt is a new version with who, when,
// old, new and why; undoing is only for an entry's author, in the shift they made it.
import {
  findInspection,
  inspectionValueColumns,
  isCorrected,
  listInspections,
  slurryRetestsFor,
} from '../../../db/repositories/inspection-repository';
import { findPanel } from '../../../db/repositories/panel-repository';
import {
  findEvent,
  listPanelEvents,
  measurementColumns,
  stageRank,
} from '../../../db/repositories/stage-event-repository';
import type { SyncedWriter } from '../../../db/repositories/synced-writer';
import { newId } from '../../domain/ids';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import {
  assertNoTestsAfter,
  attemptsOf,
  changesBetween,
  limitsOf,
  nextAttempt,
  pickValues,
  undoRefusal,
  valueIssues,
  type CorrectedTable,
  type CorrectionAction,
  type CorrectionChanges,
  type InspectionAttempt,
  type InspectionKind,
  type InspectionValues,
} from '../../domain/inspections';
import type { Project } from '../../domain/project';
import { assertCanRecord, measurementsSchema, type Shift } from '../../domain/stages';
import { invalid, issue } from '../../domain/validation';
import type { Store } from '../../sync/store';
import type { CorrectionWritten } from './contract';
import { getProject } from '../project/project-service';

export interface RecordInspectionInput {
  panelId: string;
  kind: InspectionKind;
  siteDay: string;
  shift: Shift;
  occurredAt?: string | undefined;
  values: InspectionValues;
  notes?: string | null | undefined;
}

/** A panel's attempts of one test, judged against the project's limits. */
async function panelAttempts(
  db: Store['db'],
  project: Project,
  panelId: string,
  kind: InspectionKind,
): Promise<InspectionAttempt[]> {
  const [events, inspections] = await Promise.all([
    listPanelEvents(db, panelId),
    listInspections(db, [panelId]),
  ]);
  return attemptsOf(kind, events, inspections, limitsOf(project.settings));
}

/**
 * Records the next attempt of a panel's test: refused before the test's stage is recorded and
 * once its latest attempt passed. Two laptops that record the same attempt offline make one row.
 */
export async function recordInspection(
  store: Store,
  input: RecordInspectionInput,
): Promise<InspectionAttempt[]> {
  const panel = await findPanel(store.db, input.panelId);
  if (!panel || panel.retiredAt)
    throw new AppError('not_found', { entity: 'panel', id: input.panelId });
  const project = await getProject(store.db, panel.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  await store.write(async (w) => {
    const [events, inspections] = await Promise.all([
      listPanelEvents(w.trx, panel.id),
      listInspections(w.trx, [panel.id]),
    ]);
    const attempts = attemptsOf(input.kind, events, inspections, limitsOf(project.settings));
    const attempt = nextAttempt(
      panel.code,
      input.kind,
      events.map((e) => e.stage),
      attempts,
      input.values,
      input.siteDay,
    );
    await w.upsert(
      'inspections',
      { project_id: panel.projectId, panel_id: panel.id, kind: input.kind, attempt },
      {
        site_day: input.siteDay,
        shift: input.shift,
        occurred_at: input.occurredAt ?? w.at,
        notes: input.notes?.trim() || null,
        ...inspectionValueColumns(input.values),
      },
    );
  });
  return panelAttempts(store.db, project, panel.id, input.kind);
}

export interface CorrectInput {
  recordTable: CorrectedTable;
  recordId: string;
  action: CorrectionAction;
  /** The values as corrected (a stage record's measurements, or an attempt's values). */
  values?: InspectionValues | undefined;
  notes?: string | null | undefined;
  reason: string;
}

/**
 * Corrects a stage record or a test attempt, or withdraws it (only the latest of its panel or its
 * test): the record changes, and a correction row keeps who, when, the old and new values and the
 * reason, in the same transaction.
 */
export async function correctRecord(store: Store, input: CorrectInput): Promise<CorrectionWritten> {
  const reason = input.reason.trim();
  if (!reason)
    throw invalid(issue('reason', 'issues.reasonRequired', 'a correction needs a reason'));
  return input.recordTable === 'panel_stage_events'
    ? correctStageRecord(store, input, reason)
    : correctAttempt(store, input, reason);
}

async function writeCorrection(
  store: Store,
  w: SyncedWriter,
  target: { projectId: string; panelId: string; table: CorrectedTable; id: string },
  action: CorrectionAction,
  changes: CorrectionChanges,
  reason: string,
): Promise<CorrectionWritten> {
  const id = newId();
  await w.insert('corrections', {
    id,
    project_id: target.projectId,
    panel_id: target.panelId,
    record_table: target.table,
    record_id: target.id,
    action,
    changes: JSON.stringify(changes),
    reason,
    corrected_by: store.identity.userId,
    corrector_name: store.identity.userName || store.identity.userId,
    corrected_at: w.at,
  });
  return { id, changes };
}

const nothingChanged = () =>
  invalid(issue('values', 'issues.nothingChanged', 'the correction changes nothing'));

async function correctStageRecord(
  store: Store,
  input: CorrectInput,
  reason: string,
): Promise<CorrectionWritten> {
  const event = await findEvent(store.db, input.recordId);
  if (!event) throw new AppError('not_found', { entity: 'event', id: input.recordId });
  const panel = (await findPanel(store.db, event.panelId))!;
  const project = await getProject(store.db, panel.projectId);
  const before = { ...event.measurements, notes: event.notes };
  return store.write(async (w) => {
    const history = await listPanelEvents(w.trx, panel.id);
    const target = {
      projectId: panel.projectId,
      panelId: panel.id,
      table: 'panel_stage_events' as const,
      id: event.id,
    };
    if (input.action === 'withdrawn') {
      if (history[history.length - 1]?.id !== event.id)
        throw new AppError('stage.not_latest', { panel: panel.code });
      assertNoTestsAfter(panel.code, event.stage, await listInspections(w.trx, [panel.id]));
      await w.tombstone('panel_stage_events', event.id);
      return writeCorrection(store, w, target, 'withdrawn', changesBetween(before, {}), reason);
    }
    const parsed = measurementsSchema.safeParse(input.values ?? event.measurements);
    if (!parsed.success)
      throw invalid(issue('values', 'issues.notThisTest', 'not measured at this stage'));
    const measurements = parsed.data;
    const notes = input.notes === undefined ? event.notes : input.notes?.trim() || null;
    const changes = changesBetween(before, { ...measurements, notes });
    if (!Object.keys(changes).length) throw nothingChanged();
    // The corrected record is checked as if recorded now, after the records before it.
    // (The cage's record is judged, as when it was made, on the latest slurry attempt.)
    assertCanRecord(
      panel.code,
      history.filter((e) => stageRank(e.stage) < stageRank(event.stage)),
      { ...event, measurements },
      project.settings.slurryLimits,
      await slurryRetestsFor(w.trx, panel.id, event.stage),
    );
    await w.update('panel_stage_events', event.id, {
      ...measurementColumns(measurements),
      notes,
    });
    return writeCorrection(store, w, target, 'corrected', changes, reason);
  });
}

async function correctAttempt(
  store: Store,
  input: CorrectInput,
  reason: string,
): Promise<CorrectionWritten> {
  const found = await findInspection(store.db, input.recordId);
  if (!found) throw new AppError('not_found', { entity: 'inspection', id: input.recordId });
  const panel = (await findPanel(store.db, found.panelId))!;
  const before = { ...found.values, notes: found.notes };
  return store.write(async (w) => {
    const target = {
      projectId: panel.projectId,
      panelId: panel.id,
      table: 'inspections' as const,
      id: found.id,
    };
    if (input.action === 'withdrawn') {
      await takeBackAttempt(w, panel, found);
      return writeCorrection(store, w, target, 'withdrawn', changesBetween(before, {}), reason);
    }
    const values = input.values ?? found.values;
    const problems = valueIssues(found.kind, values);
    if (problems.length) throw invalid(...problems);
    const notes = input.notes === undefined ? found.notes : input.notes?.trim() || null;
    const changes = changesBetween(before, { ...pickValues(found.kind, values), notes });
    if (!Object.keys(changes).length) throw nothingChanged();
    await w.update('inspections', found.id, { ...inspectionValueColumns(values), notes });
    return writeCorrection(store, w, target, 'corrected', changes, reason);
  });
}

/**
 * Whether an entry may still be undone by whoever is signed in here: its author, in its shift, if
 * nobody corrected it. Otherwise the refusal says why, and that a correction is the way.
 */
export async function assertUndoable(
  store: Store,
  project: Pick<Project, 'timezone' | 'settings'>,
  entry: { id: string; recordedBy: string; recordedAt: string; panel: string },
): Promise<void> {
  const why = undoRefusal(
    { ...entry, corrected: await isCorrected(store.db, entry.id) },
    store.identity.userId,
    store.now(),
    { timezone: project.timezone, shiftHours: project.settings.shiftHours },
  );
  if (why) throw new AppError('stage.undo_closed', { panel: entry.panel, why });
}

/** Undoes the latest attempt of a test (its author, in its shift); it leaves no trace. */
export async function undoInspection(store: Store, inspectionId: string): Promise<void> {
  const found = await findInspection(store.db, inspectionId);
  if (!found) throw new AppError('not_found', { entity: 'inspection', id: inspectionId });
  const panel = (await findPanel(store.db, found.panelId))!;
  const project = await getProject(store.db, panel.projectId);
  await assertUndoable(store, project, { ...found, panel: panel.code });
  await store.write(async (w) => {
    await takeBackAttempt(w, panel, found);
  });
}

/** Tombstones an attempt, only the latest of its test (undone, or withdrawn with a reason). */
async function takeBackAttempt(
  w: SyncedWriter,
  panel: { id: string; code: string },
  found: { id: string; kind: InspectionKind; attempt: number },
): Promise<void> {
  const later = (await listInspections(w.trx, [panel.id])).some(
    (i) => i.kind === found.kind && i.attempt > found.attempt,
  );
  if (later) throw new AppError('inspection.not_latest', { panel: panel.code, kind: found.kind });
  await w.tombstone('inspections', found.id);
}
