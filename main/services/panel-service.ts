import type { Knex } from 'knex';
import { AppError } from '../domain/errors';
import type { Panel } from '../domain/panel';
import { findPanel, listPanels as listPanelRows } from '../../db/repositories/panel-repository';
import { getProject } from './project-service';

export async function listPanels(
  db: Knex,
  filter: { projectId: string; structureId?: string | undefined },
): Promise<Panel[]> {
  const project = await getProject(db, filter.projectId);
  if (filter.structureId && !project.structures.some((s) => s.id === filter.structureId)) {
    throw new AppError('not_found', { entity: 'structure', id: filter.structureId });
  }
  return listPanelRows(db, filter);
}

export async function getPanel(db: Knex, panelId: string): Promise<Panel> {
  const panel = await findPanel(db, panelId);
  if (!panel) throw new AppError('not_found', { entity: 'panel', id: panelId });
  return panel;
}
