// The daily sheet's equipment and materials sections, from what was recorded on the day.
import type { Knex } from 'knex';
import {
  concreteOfDay,
  listMachines,
  machineShifts,
  materialEntries,
  recordsResources,
} from '../../../db/repositories/machine-repository';
import type { SheetMachine, SheetMachineHours, SheetMaterials } from '../../domain/daily-sheet';
import type { MachineShift } from '../../domain/machines';

const sheetHours = (s: MachineShift | undefined): SheetMachineHours | null =>
  s
    ? {
        working: s.hoursWorking,
        standby: s.hoursStandby,
        down: s.hoursDown,
        downReason: s.downReason,
      }
    : null;

/**
 * The sections, for a project that records machines or materials; none for one that does not,
 * whose sheets (and the revisions approved before these sections existed) stay as they were.
 */
export async function sheetResources(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<{ machines: SheetMachine[]; materials: SheetMaterials } | null> {
  if (!(await recordsResources(db, projectId))) return null;
  const [machines, shifts, entries, concrete] = await Promise.all([
    listMachines(db, projectId),
    machineShifts(db, projectId, siteDay, siteDay),
    materialEntries(db, projectId, siteDay),
    concreteOfDay(db, projectId, siteDay),
  ]);
  const sheetMachines = machines.flatMap((m) => {
    const own = shifts.filter((s) => s.machineId === m.id);
    if (!own.length) return [];
    const notes = own.map((s) => s.note).filter((n): n is string => Boolean(n));
    return [
      {
        code: m.code,
        kind: m.kind,
        makeModel: m.makeModel,
        day: sheetHours(own.find((s) => s.shift === 'day')),
        night: sheetHours(own.find((s) => s.shift === 'night')),
        note: notes.length ? notes.join('; ') : null,
      },
    ];
  });
  return {
    machines: sheetMachines,
    materials: {
      entries: entries.map(({ id: _id, siteDay: _day, ...e }) => e),
      concrete,
    },
  };
}
