import { listAcceptances } from '../../../db/repositories/acceptance-repository';
import { parseSettings } from '../../domain/settings';
import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import type { PanelDetail, PanelSummary } from '../../domain/panel';
import { nextStage, overbreakPct, PANEL_STAGES, type PanelStatus } from '../../domain/stages';
import {
  findPanel,
  listPanels as listPanelRows,
  panelChanges,
} from '../../../db/repositories/panel-repository';
import { namesOf } from '../../../db/repositories/people-repository';
import { listCorrections, listInspections } from '../../../db/repositories/inspection-repository';
import { attemptsOf, INSPECTION_KINDS, limitsOf } from '../../domain/inspections';
import { listPanelEvents, panelProgress } from '../../../db/repositories/stage-event-repository';
import { getProject } from '../project/project-service';

function statusOf(rank: number | undefined): PanelStatus {
  return rank ? (PANEL_STAGES[rank - 1] ?? 'not_started') : 'not_started';
}

export async function listPanels(
  db: Knex,
  filter: { projectId: string; structureId?: string | undefined },
): Promise<PanelSummary[]> {
  const project = await getProject(db, filter.projectId);
  if (filter.structureId && !project.structures.some((s) => s.id === filter.structureId)) {
    throw new AppError('not_found', { entity: 'structure', id: filter.structureId });
  }
  const [panels, progress] = await Promise.all([
    listPanelRows(db, { ...filter, withRetired: true }),
    panelProgress(db, filter.projectId),
  ]);
  return panels.map((panel) => {
    const p = progress.get(panel.id);
    return { ...panel, status: statusOf(p?.rank), finishedOn: p?.finishedOn ?? null };
  });
}

export async function getPanel(db: Knex, panelId: string): Promise<PanelDetail> {
  const panel = await findPanel(db, panelId);
  if (!panel) throw new AppError('not_found', { entity: 'panel', id: panelId });
  const [names, changes, acceptances, project, retests, corrections] = await Promise.all([
    namesOf(db, panel.projectId),
    panelChanges(db, panelId),
    listAcceptances(db, [panelId]),
    db('projects').where({ id: panel.projectId }).first('settings'),
    listInspections(db, [panelId]),
    listCorrections(db, [panelId]),
  ]);
  const settings = parseSettings((project as { settings?: string } | undefined)?.settings);
  const named = <T extends { recordedBy: string }>(e: T) => ({
    ...e,
    recordedByName: names.get(e.recordedBy) ?? e.recordedBy,
  });
  const events = (await listPanelEvents(db, panelId)).map(named);
  const last = events[events.length - 1];
  const status: PanelStatus = last?.stage ?? 'not_started';
  const concreting = events.find((e) => e.stage === 'concreting');
  return {
    ...panel,
    status,
    finishedOn: concreting?.siteDay ?? null,
    events,
    designChanges: changes,
    acceptances,
    inspections: INSPECTION_KINDS.flatMap((kind) =>
      attemptsOf(kind, events, retests.map(named), limitsOf(settings)),
    ),
    corrections,
    requiredSignatures: settings.signatures,
    nextStage: nextStage(status),
    overbreakPct: overbreakPct(
      panel.theoreticalVolumeM3,
      concreting?.measurements.concreteVolumeM3,
    ),
  };
}
