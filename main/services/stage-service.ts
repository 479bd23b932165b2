// Recording a panel's stages: the domain model decides, this service reads what it needs and
// writes the event with its outbox rows in one transaction.
import { AppError } from '../domain/errors';
import { assertNotFuture, siteDayOf } from '../domain/dates';
import { newId } from '../domain/ids';
import {
  assertCanRecord,
  type Measurements,
  type PanelStage,
  type Shift,
  type StageEvent,
} from '../domain/stages';
import { findPanel } from '../../db/repositories/panel-repository';
import {
  findEvent,
  listPanelEvents,
  measurementColumns,
  stageRank,
} from '../../db/repositories/stage-event-repository';
import { getProject } from './project-service';
import type { Store } from './store';

export interface RecordStageInput {
  panelId: string;
  stage: PanelStage;
  siteDay: string;
  shift: Shift;
  teamId?: string | null | undefined;
  occurredAt?: string | undefined;
  measurements: Measurements;
  notes?: string | null | undefined;
}

async function assertTeam(store: Store, projectId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const team = await store
    .db('teams')
    .where({ id: teamId, project_id: projectId })
    .whereNull('deleted_at')
    .first('id');
  if (!team) throw new AppError('not_found', { entity: 'team', id: teamId });
}

export async function recordStageEvent(store: Store, input: RecordStageInput): Promise<StageEvent> {
  const panel = await findPanel(store.db, input.panelId);
  if (!panel) throw new AppError('not_found', { entity: 'panel', id: input.panelId });
  const project = await getProject(store.db, panel.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  await assertTeam(store, panel.projectId, input.teamId);
  const id = newId();
  await store.write(async (w) => {
    // Read the history inside the transaction, so the order check sees every committed event.
    const history = await listPanelEvents(w.trx, panel.id);
    assertCanRecord(panel.code, history, input, project.settings.slurryLimits);
    await w.insert('panel_stage_events', {
      id,
      project_id: panel.projectId,
      panel_id: panel.id,
      stage: input.stage,
      stage_rank: stageRank(input.stage),
      site_day: input.siteDay,
      shift: input.shift,
      team_id: input.teamId ?? null,
      occurred_at: input.occurredAt ?? w.at,
      notes: input.notes ?? null,
      ...measurementColumns(input.measurements),
    });
  });
  return (await findEvent(store.db, id))!;
}

/** Corrects an event's measurements or notes; the stage and day stay as recorded. */
export async function updateStageEvent(
  store: Store,
  input: { eventId: string; measurements: Measurements; notes?: string | null | undefined },
): Promise<StageEvent> {
  const event = await findEvent(store.db, input.eventId);
  if (!event) throw new AppError('not_found', { entity: 'event', id: input.eventId });
  const panel = (await findPanel(store.db, event.panelId))!;
  const project = await getProject(store.db, panel.projectId);
  await store.write(async (w) => {
    const history = (await listPanelEvents(w.trx, panel.id)).filter((e) => e.id !== event.id);
    const before = history.filter((e) => stageRank(e.stage) < stageRank(event.stage));
    // Re-check the corrected event as if recorded now after the events before it.
    assertCanRecord(
      panel.code,
      before,
      { ...event, measurements: input.measurements },
      project.settings.slurryLimits,
    );
    await w.update('panel_stage_events', event.id, {
      ...measurementColumns(input.measurements),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
  });
  return (await findEvent(store.db, event.id))!;
}

/** Undoes a mistaken entry: only a panel's latest event, and as a tombstone that syncs. */
export async function deleteStageEvent(store: Store, eventId: string): Promise<void> {
  const event = await findEvent(store.db, eventId);
  if (!event) throw new AppError('not_found', { entity: 'event', id: eventId });
  const panel = (await findPanel(store.db, event.panelId))!;
  await store.write(async (w) => {
    const history = await listPanelEvents(w.trx, panel.id);
    if (history[history.length - 1]?.id !== eventId) {
      throw new AppError('stage.not_latest', { panel: panel.code });
    }
    await w.tombstone('panel_stage_events', eventId);
  });
}
