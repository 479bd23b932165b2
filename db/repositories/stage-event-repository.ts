import type { Knex } from 'knex';
import { latestDay, projectPanelFacts } from './panel-facts';
import {
  PANEL_STAGES,
  type MeasurementKey,
  type Measurements,
  type PanelStage,
  type Shift,
  type StageEvent,
} from '../../main/domain/stages';
import type { Row } from './write';

/** Measurement field -> column. */
export const MEASUREMENT_COLUMNS: Record<MeasurementKey, string> = {
  depthM: 'depth_m',
  widthM: 'width_m',
  verticalityXPct: 'verticality_x_pct',
  verticalityYPct: 'verticality_y_pct',
  sedimentMm: 'sediment_mm',
  slurryDensity: 'slurry_density',
  slurryViscosityS: 'slurry_viscosity_s',
  slurrySandPct: 'slurry_sand_pct',
  concreteVolumeM3: 'concrete_volume_m3',
  rig: 'rig',
};

const COLUMNS = [
  'id',
  'panel_id',
  'stage',
  'site_day',
  'shift',
  'team_id',
  'occurred_at',
  'notes',
  'updated_by',
  'created_at',
  ...Object.values(MEASUREMENT_COLUMNS),
];

type EventRow = Record<string, string | number | null>;

function toEvent(row: EventRow): StageEvent {
  const measurements: Measurements = {};
  for (const [key, column] of Object.entries(MEASUREMENT_COLUMNS) as [MeasurementKey, string][]) {
    const value = row[column];
    if (value !== null && value !== undefined)
      (measurements as Record<string, unknown>)[key] = value;
  }
  return {
    id: row.id as string,
    panelId: row.panel_id as string,
    stage: row.stage as PanelStage,
    siteDay: row.site_day as string,
    shift: row.shift as Shift,
    teamId: (row.team_id as string | null) ?? null,
    occurredAt: row.occurred_at as string,
    measurements,
    notes: (row.notes as string | null) ?? null,
    recordedBy: row.updated_by as string,
    recordedAt: row.created_at as string,
  };
}

export function measurementColumns(m: Measurements): Row {
  const row: Row = {};
  for (const [key, column] of Object.entries(MEASUREMENT_COLUMNS) as [MeasurementKey, string][]) {
    row[column] = m[key] ?? null;
  }
  return row;
}

export function stageRank(stage: PanelStage): number {
  return PANEL_STAGES.indexOf(stage) + 1;
}

/** A panel's live events in the order they were done. */
export async function listPanelEvents(db: Knex, panelId: string): Promise<StageEvent[]> {
  const rows: EventRow[] = await db('panel_stage_events')
    .select(COLUMNS)
    .where({ panel_id: panelId })
    .whereNull('deleted_at')
    .orderBy([{ column: 'stage_rank' }, { column: 'occurred_at' }, { column: 'id' }]);
  return rows.map(toEvent);
}

export async function findEvent(db: Knex, eventId: string): Promise<StageEvent | null> {
  const row: EventRow | undefined = await db('panel_stage_events')
    .select(COLUMNS)
    .where({ id: eventId })
    .whereNull('deleted_at')
    .first();
  return row ? toEvent(row) : null;
}

export async function listDayEvents(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<StageEvent[]> {
  const rows: EventRow[] = await db('panel_stage_events')
    .select(COLUMNS)
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .orderBy([{ column: 'occurred_at' }, { column: 'id' }]);
  return rows.map(toEvent);
}

export interface PanelProgressRow {
  panelId: string;
  rank: number;
  finishedOn: string | null;
}

/** How far each panel of a project has got, in one grouped query over the events. */
export async function panelProgress(
  db: Knex,
  projectId: string,
): Promise<Map<string, PanelProgressRow>> {
  const rows: { panel_id: string; rank: number; finished_on: string | null }[] = await db(
    'panel_stage_events',
  )
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .groupBy('panel_id')
    .select(
      'panel_id',
      db.raw('max(stage_rank) as rank'),
      db.raw("max(case when stage = 'concreting' then site_day end) as finished_on"),
    );
  return new Map(
    rows.map((r) => [
      r.panel_id,
      { panelId: r.panel_id, rank: Number(r.rank), finishedOn: r.finished_on },
    ]),
  );
}

export interface PanelWriteContext {
  panelId: string;
  code: string;
  projectId: string;
  timezone: string;
  settings: string | null;
  /** Whether the given team is a live team of the panel's project (true when none is given). */
  teamOk: boolean;
  /** The panel's live events in the order they were done. */
  history: StageEvent[];
}

/**
 * What recording a stage needs, in one query: the panel, its project's time zone and settings,
 * whether the team belongs to the project, and the panel's history. It runs on every recorded
 * stage, so it is kept to a single round trip (see the site-data benchmark).
 */
export async function panelWriteContext(
  db: Knex,
  panelId: string,
  teamId: string | null,
): Promise<PanelWriteContext | null> {
  const rows: Record<string, string | number | null>[] = await db('panels as p')
    .join('projects as pr', 'pr.id', 'p.project_id')
    .leftJoin('teams as t', (join) => {
      join
        .on('t.project_id', '=', 'p.project_id')
        .andOn('t.id', '=', db.raw('?', [teamId ?? '']))
        .andOnNull('t.deleted_at');
    })
    .leftJoin('panel_stage_events as e', (join) => {
      join.on('e.panel_id', '=', 'p.id').andOnNull('e.deleted_at');
    })
    .where('p.id', panelId)
    .whereNull('p.deleted_at')
    .orderBy([{ column: 'e.stage_rank' }, { column: 'e.occurred_at' }, { column: 'e.id' }])
    .select(
      'p.code as ctx_code',
      'p.project_id as ctx_project_id',
      'pr.timezone as ctx_timezone',
      'pr.settings as ctx_settings',
      't.id as ctx_team_id',
      ...COLUMNS.map((c) => `e.${c}`),
    );
  const first = rows[0];
  if (!first) return null;
  return {
    panelId,
    code: first.ctx_code as string,
    projectId: first.ctx_project_id as string,
    timezone: first.ctx_timezone as string,
    settings: first.ctx_settings as string | null,
    teamOk: teamId === null || first.ctx_team_id === teamId,
    history: rows.filter((r) => r.id !== null).map(toEvent),
  };
}

export interface PanelStatusRow {
  id: string;
  code: string;
  structureId: string;
  rank: number;
  finishedOn: string | null;
}

/** Every live panel (not retired) with how far it has got (for the daily sheet). */
export async function panelStatuses(db: Knex, projectId: string): Promise<PanelStatusRow[]> {
  const { panels } = await projectPanelFacts(db, projectId);
  return panels.map((p) => ({
    id: p.id,
    code: p.code,
    structureId: p.structureId,
    rank: p.rank,
    finishedOn: latestDay(p.stageDays.concreting, '9999-12-31') ?? null,
  }));
}

/** Whether anything was ever recorded on a panel (such a panel can be retired, not deleted). */
export async function panelHasEvents(db: Knex, panelId: string): Promise<boolean> {
  return Boolean(
    await db('panel_stage_events').where({ panel_id: panelId }).whereNull('deleted_at').first('id'),
  );
}
