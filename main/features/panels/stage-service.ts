// Recording a panel's stages: the domain model decides, this service reads what it needs and
// writes the event with its outbox rows in one transaction.
import { AppError } from '../../domain/errors';
import { assertSigned, HOLD_POINT_STAGES } from '../../domain/acceptances';
import { listAcceptances } from '../../../db/repositories/acceptance-repository';
import { listInspections, slurryRetestsFor } from '../../../db/repositories/inspection-repository';
import { assertUndoable } from './inspection-service';
import { assertNoTestsAfter } from '../../domain/inspections';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import {
  assertCanRecord,
  type Measurements,
  type PanelStage,
  type Shift,
  type StageEvent,
} from '../../domain/stages';
import { findPanel } from '../../../db/repositories/panel-repository';
import {
  findEvent,
  listPanelEvents,
  measurementColumns,
  panelWriteContext,
  stageRank,
} from '../../../db/repositories/stage-event-repository';
import { getProject } from '../project/project-service';
import { parseSettings } from '../../domain/settings';
import type { Store } from '../../sync/store';

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

/**
 * Records a stage of a panel. Its id comes from what it describes (the panel and the stage), so
 * two laptops that record the same stage offline make one record, and an undone stage recorded
 * again is the same record brought back.
 */
export async function recordStageEvent(store: Store, input: RecordStageInput): Promise<StageEvent> {
  const teamId = input.teamId ?? null;
  // Every check reads inside the transaction, so it sees every committed event; the write path
  // is kept to a handful of statements (see the site-data benchmark).
  return store.write(async (w) => {
    const panel = await panelWriteContext(w.trx, input.panelId, teamId);
    if (!panel) throw new AppError('not_found', { entity: 'panel', id: input.panelId });
    if (!panel.teamOk) throw new AppError('not_found', { entity: 'team', id: teamId });
    assertNotFuture(input.siteDay, siteDayOf(store.now(), panel.timezone));
    const settings = parseSettings(panel.settings);
    // The cage waits on the latest slurry attempt: a re-test's, once there is one.
    const slurryRetests = await slurryRetestsFor(w.trx, panel.panelId, input.stage);
    assertCanRecord(panel.code, panel.history, input, settings.slurryLimits, slurryRetests);
    // The supervisor's signatures the stage waits for (read only when the project requires one).
    if (settings.signatures.some((p) => HOLD_POINT_STAGES[p].opens === input.stage))
      assertSigned(
        panel.code,
        input.stage,
        settings.signatures,
        await listAcceptances(w.trx, [panel.panelId]),
      );
    const occurredAt = input.occurredAt ?? w.at;
    const id = await w.upsert(
      'panel_stage_events',
      { project_id: panel.projectId, panel_id: panel.panelId, stage: input.stage },
      {
        stage_rank: stageRank(input.stage),
        site_day: input.siteDay,
        shift: input.shift,
        team_id: teamId,
        occurred_at: occurredAt,
        notes: input.notes ?? null,
        ...measurementColumns(input.measurements),
      },
    );
    return {
      id,
      panelId: panel.panelId,
      stage: input.stage,
      siteDay: input.siteDay,
      shift: input.shift,
      teamId,
      occurredAt,
      measurements: { ...input.measurements },
      notes: input.notes ?? null,
      recordedBy: store.identity.userId,
      recordedAt: w.at,
    };
  });
}

/**
 * Undoes a mistaken entry: only a panel's latest event, by its author in the shift they recorded
 * it (else it is corrected or withdrawn with a reason), and as a tombstone that syncs.
 */
export async function deleteStageEvent(store: Store, eventId: string): Promise<void> {
  const event = await findEvent(store.db, eventId);
  if (!event) throw new AppError('not_found', { entity: 'event', id: eventId });
  const panel = (await findPanel(store.db, event.panelId))!;
  const latest = async (db: Store['db']) => {
    const history = await listPanelEvents(db, panel.id);
    if (history[history.length - 1]?.id !== eventId)
      throw new AppError('stage.not_latest', { panel: panel.code });
    assertNoTestsAfter(panel.code, event.stage, await listInspections(db, [panel.id]));
  };
  await latest(store.db);
  await assertUndoable(store, await getProject(store.db, panel.projectId), {
    ...event,
    panel: panel.code,
  });
  await store.write(async (w) => {
    await latest(w.trx);
    await w.tombstone('panel_stage_events', eventId);
  });
}
