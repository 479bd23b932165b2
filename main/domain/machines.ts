// The machines of a diaphragm-wall site (DOMAIN.md): the register, each machine's hours per shift,
// and what the rigs give: utilisation, and excavated wall per rig-day.
import { z } from 'zod';
import { compileCalendar, dayNumber, dayOf, type WorkingCalendar } from './schedule/calendar';
import type { Shift } from './stages';

export const MACHINE_KINDS = [
  'trench_cutter',
  'hydraulic_grab',
  'crawler_crane',
  'excavator',
  'slurry_plant',
  'concrete_pump',
  'other',
] as const;
export type MachineKind = (typeof MACHINE_KINDS)[number];

/** The kinds that dig a trench: an excavation names one as its rig. */
export const RIG_KINDS: readonly MachineKind[] = ['trench_cutter', 'hydraulic_grab'];

export const DOWN_REASONS = [
  'breakdown',
  'maintenance',
  'waiting_cage',
  'waiting_concrete',
  'weather',
  'other',
] as const;
export type DownReason = (typeof DOWN_REASONS)[number];

export interface Machine {
  id: string;
  projectId: string;
  code: string;
  kind: MachineKind;
  makeModel: string | null;
  onSite: boolean;
  sortOrder: number;
  retiredAt: string | null;
}

export interface MachineHours {
  hoursWorking: number;
  hoursStandby: number;
  hoursDown: number;
  downReason: DownReason | null;
  note: string | null;
}

export interface MachineShift extends MachineHours {
  id: string;
  machineId: string;
  siteDay: string;
  shift: Shift;
}

const hours = z.number().min(0).max(24).multipleOf(0.25);

/** A shift's hours for one machine: down time needs its reason, and only down time has one. */
export const machineHoursSchema = z
  .object({
    hoursWorking: hours,
    hoursStandby: hours,
    hoursDown: hours,
    downReason: z.enum(DOWN_REASONS).nullable(),
    note: z.string().trim().max(500).nullable(),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (h.hoursDown > 0 && !h.downReason)
      ctx.addIssue({
        code: 'custom',
        path: ['downReason'],
        message: 'down time needs a reason',
        params: { key: 'issues.downNeedsReason' },
      });
    if (h.hoursDown === 0 && h.downReason)
      ctx.addIssue({
        code: 'custom',
        path: ['downReason'],
        message: 'a reason without down time',
        params: { key: 'issues.reasonWithoutDown' },
      });
  });

/** Why a shift's hours cannot stand: more hours than the shift has. */
export function shiftHoursProblem(h: MachineHours, hoursPerShift: number): string | null {
  const total = h.hoursWorking + h.hoursStandby + h.hoursDown;
  return total > hoursPerShift
    ? `working + standby + down = ${total} h, more than the ${hoursPerShift} h shift`
    : null;
}

/** The shift before this one: a night's is the same day's day shift, a day's the night before. */
export function previousShift(siteDay: string, shift: Shift): { siteDay: string; shift: Shift } {
  if (shift === 'night') return { siteDay, shift: 'day' };
  const d = new Date(`${siteDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { siteDay: d.toISOString().slice(0, 10), shift: 'night' };
}

/** An excavation finished by a rig: when, with what, and the wall it opened. */
export interface RigExcavation {
  siteDay: string;
  rig: string;
  areaM2: number;
}

export interface RigStats {
  machineId: string;
  code: string;
  window: number;
  workingDays: number;
  hoursWorking: number;
  hoursAvailable: number;
  /** Working hours over all recorded hours (working + standby + down); null with none recorded. */
  utilisation: number | null;
  /** Days the rig worked at all. */
  rigDays: number;
  areaM2: number;
  /** m² of wall excavated per rig-day; null when the rig never worked. */
  areaM2PerRigDay: number | null;
}

export const RIG_WINDOWS = [7, 14, 28] as const;
const LONGEST_WINDOW = 28;

/** The last `n` working days up to `asOf`, newest first, as day numbers (a year back at most). */
function lastWorkingDays(calendar: WorkingCalendar, asOf: string, n: number): number[] {
  const capacity = compileCalendar(calendar);
  const working: number[] = [];
  const end = dayNumber(asOf);
  for (let d = end; working.length < n && d > end - 366; d--) if (capacity(d) > 0) working.push(d);
  return working;
}

/** The first day the rig figures look at: the oldest of the last 28 working days. */
export function rigWindowStart(calendar: WorkingCalendar, asOf: string): string {
  const working = lastWorkingDays(calendar, asOf, LONGEST_WINDOW);
  return dayOf(working.length ? working[working.length - 1]! : dayNumber(asOf));
}

/** Each rig's utilisation and output over the last 7, 14 and 28 working days up to `asOf`. */
export function rigStats(
  calendar: WorkingCalendar,
  asOf: string,
  rigs: Pick<Machine, 'id' | 'code'>[],
  shifts: Pick<
    MachineShift,
    'machineId' | 'siteDay' | 'hoursWorking' | 'hoursStandby' | 'hoursDown'
  >[],
  excavations: RigExcavation[],
): RigStats[] {
  const working = lastWorkingDays(calendar, asOf, LONGEST_WINDOW);
  return rigs.flatMap((rig) =>
    RIG_WINDOWS.map((window) => {
      const span = working.slice(0, window);
      const from = span.length ? span[span.length - 1]! : dayNumber(asOf) + 1;
      const inWindow = (day: string) => {
        const n = dayNumber(day);
        return n >= from && n <= dayNumber(asOf);
      };
      const own = shifts.filter((s) => s.machineId === rig.id && inWindow(s.siteDay));
      const hoursWorking = own.reduce((n, s) => n + s.hoursWorking, 0);
      const hoursAvailable = own.reduce(
        (n, s) => n + s.hoursWorking + s.hoursStandby + s.hoursDown,
        0,
      );
      const rigDays = new Set(own.filter((s) => s.hoursWorking > 0).map((s) => s.siteDay)).size;
      const areaM2 = excavations
        .filter((e) => e.rig === rig.code && inWindow(e.siteDay))
        .reduce((n, e) => n + e.areaM2, 0);
      return {
        machineId: rig.id,
        code: rig.code,
        window,
        workingDays: span.length,
        hoursWorking,
        hoursAvailable,
        utilisation: hoursAvailable > 0 ? round(hoursWorking / hoursAvailable, 3) : null,
        rigDays,
        areaM2: round(areaM2, 1),
        areaM2PerRigDay: rigDays > 0 ? round(areaM2 / rigDays, 1) : null,
      };
    }),
  );
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export const MATERIAL_KINDS = ['delivery', 'use'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** Units materials come in on this kind of site. */
export const MATERIAL_UNITS = ['m3', 't', 'pcs', 'bags', 'kg', 'm'] as const;
export type MaterialUnit = (typeof MATERIAL_UNITS)[number];

export interface MaterialEntry {
  id: string;
  siteDay: string;
  kind: MaterialKind;
  material: string;
  quantity: number;
  unit: MaterialUnit;
  supplier: string | null;
  deliveryNote: string | null;
  note: string | null;
}

/** An entry as typed in, and as the sheet lists it: without its id and day. */
export type MaterialEntryFields = Omit<MaterialEntry, 'id' | 'siteDay'>;

export const materialEntrySchema = z
  .object({
    kind: z.enum(MATERIAL_KINDS),
    material: z.string().trim().min(1).max(100),
    quantity: z.number().gt(0).max(100_000),
    unit: z.enum(MATERIAL_UNITS),
    supplier: z.string().trim().max(100).nullable(),
    deliveryNote: z.string().trim().max(64).nullable(),
    note: z.string().trim().max(500).nullable(),
  })
  .strict();

/** The day's concrete, from the concreting events: never typed twice. */
export interface ConcretePoured {
  panels: number;
  theoreticalM3: number;
  actualM3: number;
}
