import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import type { Project } from '../../domain/project';
import { countProjects, findProject } from '../../../db/repositories/project-repository';

export async function getProject(db: Knex, projectId?: string): Promise<Project> {
  const project = await findProject(db, projectId);
  if (!project) throw new AppError('not_found', { entity: 'project', id: projectId ?? '' });
  return project;
}

/** How many live projects the laptop holds (the demo is seeded only into an empty one). */
export async function projectCount(db: Knex): Promise<number> {
  return countProjects(db);
}
