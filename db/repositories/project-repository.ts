import { parseCalendar } from '../../main/domain/schedule';
import { parseSettings } from '../../main/domain/settings';
import type { Knex } from 'knex';
import { ACTIVE_PROJECT_KEY, getSetting } from './settings-repository';
import {
  outlineSchema,
  type Project,
  type Structure,
  type StructureKind,
} from '../../main/domain/project';
import { parseJsonCell } from '../../main/domain/sync-check';

interface ProjectRow {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  timezone: string;
  is_demo: number;
  settings: string | null;
  calendar: string | null;
  owner_name: string | null;
  contractor_name: string | null;
}

interface StructureRow {
  id: string;
  project_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  kind: string;
  outline: string | null;
  planned_start: string | null;
  planned_finish: string | null;
  retired_at: string | null;
}

function toStructure(row: StructureRow): Structure {
  const outline = row.outline
    ? outlineSchema.safeParse(parseJsonCell<unknown>(row.outline, null))
    : null;
  return {
    id: row.id,
    projectId: row.project_id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    kind: row.kind as StructureKind,
    outline: outline?.success ? outline.data : null,
    plannedStart: row.planned_start,
    plannedFinish: row.planned_finish,
    retiredAt: row.retired_at,
  };
}

export async function countProjects(db: Knex): Promise<number> {
  const row = await db('projects')
    .whereNull('deleted_at')
    .count<{ n: number }[]>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** The project with this id; without one, the laptop's active project, or else the first. */
export async function findProject(db: Knex, projectId?: string): Promise<Project | null> {
  const query = db<ProjectRow>('projects').whereNull('deleted_at');
  const active = projectId ? null : await getSetting(db, ACTIVE_PROJECT_KEY);
  const row =
    (await (
      projectId
        ? query.clone().where({ id: projectId })
        : active
          ? query.clone().where({ id: active })
          : query.clone().orderBy('id')
    ).first()) ?? (projectId ? undefined : await query.clone().orderBy('id').first());
  if (!row) return null;
  const structures = await db<StructureRow>('structures')
    .where({ project_id: row.id })
    .whereNull('deleted_at')
    .orderBy(['sort_order', 'code']);
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    timezone: row.timezone,
    isDemo: row.is_demo === 1,
    ownerName: row.owner_name,
    contractorName: row.contractor_name,
    settings: parseSettings(row.settings),
    calendar: parseCalendar(row.calendar),
    structures: structures.map(toStructure),
  };
}

/** The first live project by id (the one a laptop publishes when none is active). */
export async function firstProjectId(db: Knex): Promise<string | null> {
  const row = await db('projects').whereNull('deleted_at').orderBy('id').first('id');
  return (row?.id as string | undefined) ?? null;
}

export interface ProjectListRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  isDemo: boolean;
}

/** Every live project on this laptop, the demo last. */
export async function listProjects(db: Knex): Promise<ProjectListRow[]> {
  const rows = await db('projects')
    .whereNull('deleted_at')
    .orderBy([{ column: 'is_demo' }, { column: 'code' }])
    .select('id', 'code', 'name_zh', 'name_en', 'is_demo');
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    code: r.code as string,
    nameZh: r.name_zh as string,
    nameEn: r.name_en as string,
    isDemo: Number(r.is_demo) === 1,
  }));
}

/** Whether another live project already uses this code. */
export async function projectCodeTaken(
  db: Knex,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const query = db('projects').whereNull('deleted_at').whereRaw('lower(code) = lower(?)', [code]);
  if (exceptId) query.whereNot({ id: exceptId });
  return Boolean(await query.first('id'));
}
