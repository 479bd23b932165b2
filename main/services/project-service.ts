import type { Knex } from 'knex';
import { AppError } from '../domain/errors';
import type { Project } from '../domain/project';
import { parseSettings, type ProjectSettings } from '../domain/settings';
import { findProject } from '../../db/repositories/project-repository';

export async function getProject(db: Knex, projectId?: string): Promise<Project> {
  const project = await findProject(db, projectId);
  if (!project) throw new AppError('not_found', { entity: 'project', id: projectId ?? '' });
  return project;
}

export async function getProjectSettings(db: Knex, projectId: string): Promise<ProjectSettings> {
  const row = await db('projects')
    .where({ id: projectId })
    .whereNull('deleted_at')
    .first('settings');
  if (!row) throw new AppError('not_found', { entity: 'project', id: projectId });
  return parseSettings(row.settings as string | null);
}
