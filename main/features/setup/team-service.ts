// A project's teams: add, rename, reorder, retire (a retired team keeps its history and leaves
// the entry forms) and bring back.
import {
  findTeamProject,
  listTeams,
  teamCodeTaken,
} from '../../../db/repositories/crew-repository';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import { newId } from '../../domain/ids';
import type { Team } from '../../domain/project';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';

export async function saveTeam(
  store: Store,
  input: {
    projectId: string;
    teamId?: string | undefined;
    code: string;
    nameZh: string;
    nameEn: string;
  },
): Promise<Team[]> {
  await getProject(store.db, input.projectId);
  if (input.teamId && (await findTeamProject(store.db, input.teamId)) !== input.projectId)
    throw new AppError('not_found', { entity: 'team', id: input.teamId });
  if (await teamCodeTaken(store.db, input.projectId, input.code, input.teamId))
    throw new AppError('setup.code_taken', {
      code: input.code,
      issues: [issue('code', 'issues.inUse', 'in use')],
    });
  const columns = { code: input.code, name_zh: input.nameZh, name_en: input.nameEn };
  const teams = await listTeams(store.db, input.projectId);
  await store.write(async (w) => {
    if (input.teamId) await w.update('teams', input.teamId, columns);
    else
      await w.insert('teams', {
        id: newId(),
        project_id: input.projectId,
        sort_order: Math.max(0, ...teams.map((t) => t.sortOrder)) + 1,
        ...columns,
      });
  });
  return listTeams(store.db, input.projectId);
}

export async function retireTeam(
  store: Store,
  input: { teamId: string; retired: boolean },
): Promise<Team[]> {
  const projectId = await findTeamProject(store.db, input.teamId);
  if (!projectId) throw new AppError('not_found', { entity: 'team', id: input.teamId });
  await store.write((w) =>
    w.update('teams', input.teamId, { retired_at: input.retired ? w.at : null }),
  );
  return listTeams(store.db, projectId);
}

/** Puts the given teams first, in the given order; the others follow in theirs. */
export async function reorderTeams(
  store: Store,
  input: { projectId: string; teamIds: string[] },
): Promise<Team[]> {
  const teams = await listTeams(store.db, input.projectId);
  const known = new Set(teams.map((t) => t.id));
  const unknown = input.teamIds.find((id) => !known.has(id));
  if (unknown) throw new AppError('not_found', { entity: 'team', id: unknown });
  const order = [...new Set(input.teamIds)];
  const rest = teams.filter((t) => !order.includes(t.id)).map((t) => t.id);
  await store.write(async (w) => {
    for (const [i, id] of [...order, ...rest].entries())
      await w.update('teams', id, { sort_order: i + 1 });
  });
  return listTeams(store.db, input.projectId);
}
