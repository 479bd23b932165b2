// The machine register, and each machine's hours per shift: entered per site day and shift, with
// the previous shift's hours offered as the default so a steady day is a few keystrokes.
import type { Knex } from 'knex';
import {
  findMachine,
  listMachines,
  machineCodeTaken,
  machineShifts,
  nextMachineOrder,
  rigExcavations,
} from '../../../db/repositories/machine-repository';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { invalid, issue } from '../../domain/validation';
import { newId } from '../../domain/ids';
import {
  previousShift,
  RIG_KINDS,
  rigStats,
  rigWindowStart,
  shiftHoursProblem,
  type Machine,
  type MachineHours,
  type MachineKind,
  type MachineShift,
  type RigStats,
} from '../../domain/machines';
import type { Shift } from '../../domain/stages';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import type { MachineDay, MachineShiftEntry } from './contract';

export async function saveMachine(
  store: Store,
  input: {
    projectId: string;
    machineId?: string | undefined;
    code: string;
    kind: MachineKind;
    makeModel?: string | null | undefined;
    onSite: boolean;
  },
): Promise<Machine[]> {
  await getProject(store.db, input.projectId);
  if (input.machineId) {
    const machine = await findMachine(store.db, input.machineId);
    if (!machine || machine.projectId !== input.projectId)
      throw new AppError('not_found', { entity: 'machine', id: input.machineId });
  }
  if (await machineCodeTaken(store.db, input.projectId, input.code, input.machineId ?? null))
    throw new AppError('setup.code_taken', {
      code: input.code,
      issues: [issue('code', 'issues.inUse', 'in use')],
    });
  const columns = {
    code: input.code,
    kind: input.kind,
    make_model: input.makeModel?.trim() || null,
    on_site: input.onSite ? 1 : 0,
  };
  const order = await nextMachineOrder(store.db, input.projectId);
  await store.write(async (w) => {
    if (input.machineId) await w.update('machines', input.machineId, columns);
    else
      await w.insert('machines', {
        id: newId(),
        project_id: input.projectId,
        sort_order: order,
        ...columns,
      });
  });
  return listMachines(store.db, input.projectId);
}

export async function retireMachine(
  store: Store,
  input: { machineId: string; retired: boolean },
): Promise<Machine[]> {
  const machine = await findMachine(store.db, input.machineId);
  if (!machine) throw new AppError('not_found', { entity: 'machine', id: input.machineId });
  await store.write((w) =>
    w.update('machines', input.machineId, {
      retired_at: input.retired ? w.at : null,
      ...(input.retired ? { on_site: 0 } : {}),
    }),
  );
  return listMachines(store.db, machine.projectId);
}

const hoursOf = (s: MachineShift): MachineHours => ({
  hoursWorking: s.hoursWorking,
  hoursStandby: s.hoursStandby,
  hoursDown: s.hoursDown,
  downReason: s.downReason,
  note: null,
});

export async function getMachineDay(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<MachineDay> {
  const project = await getProject(db, projectId);
  const before = previousShift(siteDay, 'day').siteDay;
  const [machines, shifts] = await Promise.all([
    listMachines(db, projectId),
    machineShifts(db, projectId, before, siteDay),
  ]);
  const recorded = (day: string, shift: Shift, machineId: string) =>
    shifts.find((s) => s.siteDay === day && s.shift === shift && s.machineId === machineId) ?? null;
  const shown = machines.filter(
    (m) =>
      (m.onSite && !m.retiredAt) ||
      shifts.some((s) => s.siteDay === siteDay && s.machineId === m.id),
  );
  const entries = (shift: Shift): MachineShiftEntry[] =>
    shown.map((m) => {
      const prev = previousShift(siteDay, shift);
      const last = recorded(prev.siteDay, prev.shift, m.id);
      return {
        machineId: m.id,
        recorded: recorded(siteDay, shift, m.id),
        carried: last ? hoursOf(last) : null,
      };
    });
  return {
    siteDay,
    hoursPerShift: project.settings.shiftHours.hoursPerShift,
    machines: shown,
    shifts: { day: entries('day'), night: entries('night') },
  };
}

/** Records one machine's hours for a shift: the one record of that day, shift and machine. */
export async function setMachineShift(
  store: Store,
  input: {
    projectId: string;
    siteDay: string;
    shift: Shift;
    machineId: string;
    hours: MachineHours;
  },
): Promise<MachineDay> {
  const project = await getProject(store.db, input.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  const machine = await findMachine(store.db, input.machineId);
  if (!machine || machine.projectId !== input.projectId)
    throw new AppError('not_found', { entity: 'machine', id: input.machineId });
  const shift = project.settings.shiftHours.hoursPerShift;
  const problem = shiftHoursProblem(input.hours, shift);
  if (problem) {
    const h = input.hours;
    const total = h.hoursWorking + h.hoursStandby + h.hoursDown;
    throw invalid(issue('hours', 'issues.shiftHours', problem, { total, shift }));
  }
  const h = input.hours;
  await store.write((w) =>
    w.upsert(
      'machine_shifts',
      {
        project_id: input.projectId,
        site_day: input.siteDay,
        shift: input.shift,
        machine_id: input.machineId,
      },
      {
        hours_working: h.hoursWorking,
        hours_standby: h.hoursStandby,
        hours_down: h.hoursDown,
        down_reason: h.downReason,
        note: h.note?.trim() || null,
      },
      {},
    ),
  );
  return getMachineDay(store.db, input.projectId, input.siteDay);
}

/** Each rig's utilisation and excavated wall per rig-day over the last 7, 14 and 28 working days. */
export async function getRigStats(db: Knex, projectId: string, asOf: string): Promise<RigStats[]> {
  const project = await getProject(db, projectId);
  const from = rigWindowStart(project.calendar, asOf);
  const [machines, shifts, excavations] = await Promise.all([
    listMachines(db, projectId),
    machineShifts(db, projectId, from, asOf),
    rigExcavations(db, projectId, from, asOf),
  ]);
  const rigs = machines.filter((m) => RIG_KINDS.includes(m.kind));
  return rigStats(project.calendar, asOf, rigs, shifts, excavations);
}
