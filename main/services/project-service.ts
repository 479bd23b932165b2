import type { Knex } from 'knex';
import { AppError } from '../domain/errors';
import type { Project } from '../domain/project';
import { findProject } from '../../db/repositories/project-repository';

export async function getProject(db: Knex, projectId?: string): Promise<Project> {
  const project = await findProject(db, projectId);
  if (!project) throw new AppError('not_found', { entity: 'project', id: projectId ?? '' });
  return project;
}
