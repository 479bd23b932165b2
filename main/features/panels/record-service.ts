// Assembles a panel's construction record (槽段施工记录) from what was recorded: its design, every
// stage with its measurements against the project's limits, who recorded it and when, the
// supervisor's decisions and the design corrections.
import type { Knex } from 'knex';
import { listTeams } from '../../../db/repositories/crew-repository';
import { AppError } from '../../domain/errors';
import type { Correction, InspectionKind } from '../../domain/inspections';
import type { PanelRecord } from '../../domain/panel-record';
import type { PanelStage } from '../../domain/stages';
import { getProject } from '../project/project-service';
import { projectHeader } from '../sheet/daily-sheet-service';
import { eventChecks } from '../sheet/sheet-qa';
import { getPanel } from './panel-service';

export async function assemblePanelRecord(
  db: Knex,
  panelId: string,
  now: Date,
): Promise<PanelRecord> {
  const panel = await getPanel(db, panelId);
  const [project, teams] = await Promise.all([
    getProject(db, panel.projectId),
    listTeams(db, panel.projectId),
  ]);
  const structure = project.structures.find((s) => s.id === panel.structureId);
  if (!structure) throw new AppError('not_found', { entity: 'structure', id: panel.structureId });
  const teamName = new Map(teams.map((t) => [t.id, t]));
  return {
    project: projectHeader(project),
    structure: { code: structure.code, nameZh: structure.nameZh, nameEn: structure.nameEn },
    panel: {
      code: panel.code,
      type: panel.type,
      sequence: panel.sequence,
      lengthM: panel.lengthM,
      thicknessM: panel.thicknessM,
      designDepthM: panel.designDepthM,
      topLevelM: panel.topLevelM,
      toeLevelM: panel.toeLevelM,
      theoreticalVolumeM3: panel.theoreticalVolumeM3,
      cageWeightT: panel.cageWeightT,
      jointType: panel.jointType,
      status: panel.status,
      finishedOn: panel.finishedOn,
      overbreakPct: panel.overbreakPct,
    },
    stages: panel.events.map((e) => {
      const team = e.teamId ? teamName.get(e.teamId) : undefined;
      return {
        stage: e.stage,
        siteDay: e.siteDay,
        shift: e.shift,
        team: team ? { nameZh: team.nameZh, nameEn: team.nameEn } : null,
        rig: typeof e.measurements.rig === 'string' ? e.measurements.rig : null,
        notes: e.notes,
        recordedByName: e.recordedByName ?? e.recordedBy,
        recordedAt: e.recordedAt,
        checks: eventChecks(project, e, panel.theoreticalVolumeM3),
      };
    }),
    tests: panel.inspections.map((a) => ({
      kind: a.kind,
      attempt: a.attempt,
      siteDay: a.siteDay,
      shift: a.shift,
      values: a.values,
      pass: a.pass,
      failures: a.failures,
      notes: a.notes,
      recordedAt: a.recordedAt,
      recordedByName: a.recordedByName ?? a.recordedBy,
    })),
    corrections: await correctionsOf(db, panel.corrections),
    acceptances: panel.acceptances.map(({ id: _id, panelId: _p, signedBy: _s, ...a }) => a),
    requiredSignatures: panel.requiredSignatures,
    designChanges: panel.designChanges.map((c) => ({
      changedAt: c.changedAt,
      changedByName: c.changedByName,
      changes: Object.entries(c.changes)
        .map(([col, [from, to]]) => `${col} ${String(from)} → ${String(to)}`)
        .join(', '),
      reason: c.reason,
    })),
    madeAt: now.toISOString(),
  };
}

/** The corrections with the record each corrected, withdrawn records too. */
async function correctionsOf(
  db: Knex,
  corrections: readonly Correction[],
): Promise<PanelRecord['corrections']> {
  const ids = (table: string) =>
    corrections.filter((c) => c.recordTable === table).map((c) => c.recordId);
  const [stages, attempts] = await Promise.all([
    db('panel_stage_events').whereIn('id', ids('panel_stage_events')).select('id', 'stage'),
    db('inspections').whereIn('id', ids('inspections')).select('id', 'kind', 'attempt'),
  ]);
  const of = new Map<string, PanelRecord['corrections'][number]['of']>([
    ...(stages as { id: string; stage: PanelStage }[]).map(
      (r) => [r.id, { stage: r.stage }] as const,
    ),
    ...(attempts as { id: string; kind: InspectionKind; attempt: number }[]).map(
      (r) => [r.id, { kind: r.kind, attempt: Number(r.attempt) }] as const,
    ),
  ]);
  return corrections.flatMap((c) => {
    const record = of.get(c.recordId);
    if (!record) return [];
    return [
      {
        of: record,
        version: c.version,
        action: c.action,
        correctorName: c.correctorName,
        correctedAt: c.correctedAt,
        changes: Object.entries(c.changes).map(([field, [from, to]]) => ({ field, from, to })),
        reason: c.reason,
      },
    ];
  });
}

/** A live panel of the project by its code (any case), for the command line. */
export async function panelByCode(
  db: Knex,
  projectId: string,
  code: string,
  structureCode?: string,
): Promise<string> {
  const rows = (await db('panels as p')
    .join('structures as s', 's.id', 'p.structure_id')
    .where({ 'p.project_id': projectId })
    .whereNull('p.deleted_at')
    .whereRaw('lower(p.code) = lower(?)', [code])
    .modify((q) => {
      if (structureCode) q.whereRaw('lower(s.code) = lower(?)', [structureCode]);
    })
    .select('p.id', 's.code as structureCode')) as { id: string; structureCode: string }[];
  if (rows.length === 1) return rows[0]!.id;
  if (!rows.length) throw new AppError('not_found', { entity: 'panel', id: code });
  throw new AppError('cli.invalid_option', {
    reason: `panel ${code} is in ${rows.map((r) => r.structureCode).join(', ')}: give --structure`,
  });
}
