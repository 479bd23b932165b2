// A site's own projects: create one (with its teams from the key-team template or another
// project), change its header, names and settings, list them, and choose the one this laptop opens.
import type { Knex } from 'knex';
import { listTeams } from '../../../db/repositories/crew-repository';
import { listProjects, projectCodeTaken } from '../../../db/repositories/project-repository';
import {
  ACTIVE_PROJECT_KEY as ACTIVE_PROJECT,
  getSetting,
  setSettings,
} from '../../../db/repositories/settings-repository';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import { newId } from '../../domain/ids';
import type { Project } from '../../domain/project';
import { DEFAULT_CALENDAR, type WorkingCalendar } from '../../domain/schedule';
import { DEFAULT_SETTINGS, type ProjectSettings } from '../../domain/settings';
import type { Store } from '../../sync/store';
import { demoScenario } from '../demo/demo-seed';
import { getProject } from '../project/project-service';
import type { ProjectListItem } from './contract';

/** The eight key teams of a diaphragm-wall site (DOMAIN.md): a new project's usual start. */
export const KEY_TEAMS = demoScenario.teams;

export async function listProjectItems(db: Knex): Promise<ProjectListItem[]> {
  const [projects, active] = await Promise.all([
    listProjects(db),
    getProject(db).catch(() => null),
  ]);
  return projects.map((p) => ({ ...p, active: p.id === active?.id }));
}

export async function isFirstRun(db: Knex): Promise<boolean> {
  return (await getSetting(db, ACTIVE_PROJECT)) === null;
}

export async function selectProject(store: Store, projectId: string): Promise<Project> {
  const project = await getProject(store.db, projectId);
  await setSettings(store.db, { [ACTIVE_PROJECT]: project.id });
  return project;
}

const codeTaken = (code: string) =>
  new AppError('setup.code_taken', { code, issues: [issue('code', 'issues.inUse', 'in use')] });

export interface NewProject {
  code: string;
  nameZh: string;
  nameEn: string;
  timezone?: string | undefined;
  ownerName?: string | null | undefined;
  contractorName?: string | null | undefined;
  settings?: Partial<ProjectSettings> | undefined;
  calendar?: WorkingCalendar | undefined;
  teams?: { from: 'key-teams' } | { from: 'none' } | { from: 'project'; projectId: string };
}

/** Creates a project and makes it the one this laptop opens; nothing is written on a refusal. */
export async function createProject(store: Store, input: NewProject): Promise<Project> {
  if (await projectCodeTaken(store.db, input.code)) throw codeTaken(input.code);
  const teams = await startingTeams(store.db, input.teams ?? { from: 'key-teams' });
  const id = newId();
  await store.write(async (w) => {
    await w.insert('projects', {
      id,
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      timezone: input.timezone ?? 'Asia/Shanghai',
      is_demo: 0,
      owner_name: input.ownerName ?? null,
      contractor_name: input.contractorName ?? null,
      settings: JSON.stringify({ ...DEFAULT_SETTINGS, ...input.settings, demoToday: null }),
      calendar: JSON.stringify(input.calendar ?? DEFAULT_CALENDAR),
    });
    for (const [i, team] of teams.entries())
      await w.insert('teams', {
        id: newId(),
        project_id: id,
        code: team.code,
        name_zh: team.nameZh,
        name_en: team.nameEn,
        sort_order: i + 1,
      });
    await setSettings(w.trx, { [ACTIVE_PROJECT]: id });
  });
  return getProject(store.db, id);
}

async function startingTeams(db: Knex, from: NonNullable<NewProject['teams']>) {
  if (from.from === 'none') return [];
  if (from.from === 'key-teams') return KEY_TEAMS;
  await getProject(db, from.projectId); // a missing project is named as such
  return (await listTeams(db, from.projectId)).filter((t) => !t.retiredAt);
}

export interface ProjectChanges {
  projectId: string;
  code?: string | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  timezone?: string | undefined;
  ownerName?: string | null | undefined;
  contractorName?: string | null | undefined;
  settings?: Partial<ProjectSettings> | undefined;
}

/** Changes a project's names, header and settings; only what is given changes. */
export async function updateProject(store: Store, input: ProjectChanges): Promise<Project> {
  const project = await getProject(store.db, input.projectId);
  if (input.code && (await projectCodeTaken(store.db, input.code, project.id)))
    throw codeTaken(input.code);
  const columns: Record<string, string | null> = {};
  const set = (column: string, value: string | null | undefined) => {
    if (value !== undefined) columns[column] = value;
  };
  set('code', input.code);
  set('name_zh', input.nameZh);
  set('name_en', input.nameEn);
  set('timezone', input.timezone);
  set('owner_name', input.ownerName);
  set('contractor_name', input.contractorName);
  if (input.settings) columns.settings = JSON.stringify({ ...project.settings, ...input.settings });
  await store.write((w) => w.update('projects', project.id, columns));
  return getProject(store.db, project.id);
}
