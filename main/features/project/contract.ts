import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import type { Project } from '../../domain/project';
import { channel } from '../channel';

export const projectContract = {
  'project:get': channel(z.object({ projectId: idSchema.optional() }).strict()).returns<Project>(),
};
