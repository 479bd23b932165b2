// Machines, their hours per shift, the day's materials, and the rigs' excavations.
import type { Knex } from 'knex';
import type {
  DownReason,
  Machine,
  MachineKind,
  MachineShift,
  MaterialEntry,
  MaterialKind,
  MaterialUnit,
  RigExcavation,
} from '../../main/domain/machines';
import type { Shift } from '../../main/domain/stages';

type DbRow = Record<string, unknown>;

const toMachine = (r: DbRow): Machine => ({
  id: r.id as string,
  projectId: r.project_id as string,
  code: r.code as string,
  kind: r.kind as MachineKind,
  makeModel: (r.make_model as string | null) ?? null,
  onSite: Boolean(r.on_site),
  sortOrder: r.sort_order as number,
  retiredAt: (r.retired_at as string | null) ?? null,
});

/** A project's machines in their order, retired ones included (they keep their history). */
export async function listMachines(db: Knex, projectId: string): Promise<Machine[]> {
  const rows: DbRow[] = await db('machines')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy(['sort_order', 'code']);
  return rows.map(toMachine);
}

export async function findMachine(db: Knex, machineId: string): Promise<Machine | null> {
  const row = (await db('machines').where({ id: machineId }).whereNull('deleted_at').first()) as
    DbRow | undefined;
  return row ? toMachine(row) : null;
}

/** Whether another live machine of the project already uses this code. */
export async function machineCodeTaken(
  db: Knex,
  projectId: string,
  code: string,
  exceptId: string | null,
): Promise<boolean> {
  const q = db('machines')
    .where({ project_id: projectId, code })
    .whereNull('deleted_at')
    .whereNull('retired_at');
  if (exceptId) q.whereNot({ id: exceptId });
  return Boolean(await q.first('id'));
}

export async function nextMachineOrder(db: Knex, projectId: string): Promise<number> {
  const row = await db('machines')
    .where({ project_id: projectId })
    .max({ m: 'sort_order' })
    .first();
  return Number(row?.m ?? -1) + 1;
}

/** Every machine's hours on the days from `from` to `to`. */
export async function machineShifts(
  db: Knex,
  projectId: string,
  from: string,
  to: string,
): Promise<MachineShift[]> {
  const rows: DbRow[] = await db('machine_shifts')
    .where({ project_id: projectId })
    .whereBetween('site_day', [from, to])
    .whereNull('deleted_at')
    .orderBy(['site_day', 'shift', 'machine_id']);
  return rows.map((r) => ({
    id: r.id as string,
    machineId: r.machine_id as string,
    siteDay: r.site_day as string,
    shift: r.shift as Shift,
    hoursWorking: r.hours_working as number,
    hoursStandby: r.hours_standby as number,
    hoursDown: r.hours_down as number,
    downReason: (r.down_reason as DownReason | null) ?? null,
    note: (r.note as string | null) ?? null,
  }));
}

/** The day's deliveries and uses, in the order they were entered. */
export async function materialEntries(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<MaterialEntry[]> {
  const rows: DbRow[] = await db('material_entries')
    .where({ project_id: projectId, site_day: siteDay })
    .whereNull('deleted_at')
    .orderBy(['created_at', 'id']);
  return rows.map((r) => ({
    id: r.id as string,
    siteDay: r.site_day as string,
    kind: r.kind as MaterialKind,
    material: r.material as string,
    quantity: r.quantity as number,
    unit: r.unit as MaterialUnit,
    supplier: (r.supplier as string | null) ?? null,
    deliveryNote: (r.delivery_note as string | null) ?? null,
    note: (r.note as string | null) ?? null,
  }));
}

export async function findMaterialEntry(
  db: Knex,
  entryId: string,
): Promise<{ projectId: string; siteDay: string } | null> {
  const row = (await db('material_entries')
    .where({ id: entryId })
    .whereNull('deleted_at')
    .first('project_id', 'site_day')) as DbRow | undefined;
  return row ? { projectId: row.project_id as string, siteDay: row.site_day as string } : null;
}

/**
 * Excavations finished from `from` to `to` that name a rig, with the wall each opened: the
 * panel's length by the depth measured at acceptance (its design depth until then).
 */
export async function rigExcavations(
  db: Knex,
  projectId: string,
  from: string,
  to: string,
): Promise<RigExcavation[]> {
  const rows: DbRow[] = await db('panel_stage_events as e')
    .join('panels as p', 'p.id', 'e.panel_id')
    .where({ 'e.project_id': projectId, 'e.stage': 'excavation' })
    .whereBetween('e.site_day', [from, to])
    .whereNotNull('e.rig')
    .whereNull('e.deleted_at')
    .whereNull('p.deleted_at')
    .whereNull('p.retired_at')
    .select('e.site_day', 'e.rig', 'e.depth_m', 'p.length_m', 'p.design_depth_m');
  return rows.map((r) => ({
    siteDay: r.site_day as string,
    rig: r.rig as string,
    areaM2: (r.length_m as number) * ((r.depth_m as number | null) ?? (r.design_depth_m as number)),
  }));
}

/** The concrete poured on a day: panels concreted, and their theoretical and actual volumes. */
export async function concreteOfDay(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<{ panels: number; theoreticalM3: number; actualM3: number }> {
  const row = (await db('panel_stage_events as e')
    .join('panels as p', 'p.id', 'e.panel_id')
    .where({ 'e.project_id': projectId, 'e.stage': 'concreting', 'e.site_day': siteDay })
    .whereNull('e.deleted_at')
    .whereNull('p.deleted_at')
    .first(
      db.raw('count(distinct p.id) as panels'),
      db.raw('coalesce(sum(p.theoretical_volume_m3), 0) as theoretical'),
      db.raw('coalesce(sum(e.concrete_volume_m3), 0) as actual'),
    )) as DbRow | undefined;
  const round = (v: unknown) => Math.round(Number(v ?? 0) * 10) / 10;
  return {
    panels: Number(row?.panels ?? 0),
    theoreticalM3: round(row?.theoretical),
    actualM3: round(row?.actual),
  };
}

/** Whether the project records machines or materials at all (its sheet then has their sections). */
export async function recordsResources(db: Knex, projectId: string): Promise<boolean> {
  const [machine, material] = await Promise.all([
    db('machines').where({ project_id: projectId }).whereNull('deleted_at').first('id'),
    db('material_entries').where({ project_id: projectId }).whereNull('deleted_at').first('id'),
  ]);
  return Boolean(machine ?? material);
}
