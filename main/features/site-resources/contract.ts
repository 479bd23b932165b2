import { z } from 'zod';
import { siteDaySchema as day } from '../../domain/dates';
import { idSchema } from '../../domain/ids';
import {
  MACHINE_KINDS,
  machineHoursSchema,
  materialEntrySchema,
  type ConcretePoured,
  type Machine,
  type MachineHours,
  type MachineShift,
  type MaterialEntry,
  type RigStats,
} from '../../domain/machines';
import { SHIFTS } from '../../domain/stages';
import { channel, text } from '../channel';

/** One machine in one shift: what was recorded, or else what the previous shift suggests. */
export interface MachineShiftEntry {
  machineId: string;
  recorded: MachineShift | null;
  /** The previous shift's hours, offered as the default (never written until saved). */
  carried: MachineHours | null;
}

export interface MachineDay {
  siteDay: string;
  hoursPerShift: number;
  /** Machines on site, and any that has a record on the day. */
  machines: Machine[];
  shifts: { day: MachineShiftEntry[]; night: MachineShiftEntry[] };
}

export interface MaterialDay {
  siteDay: string;
  entries: MaterialEntry[];
  /** Concrete poured on the day, from the concreting events. */
  concrete: ConcretePoured;
}

const projectDay = z.object({ projectId: idSchema, siteDay: day }).strict();

export const siteResourcesContract = {
  'machines:list': channel(z.object({ projectId: idSchema }).strict()).returns<Machine[]>(),
  'machines:save': channel(
    z
      .object({
        projectId: idSchema,
        machineId: idSchema.optional(),
        code: text(32).min(1),
        kind: z.enum(MACHINE_KINDS),
        makeModel: text(64).nullable().optional(),
        onSite: z.boolean(),
      })
      .strict(),
  ).returns<Machine[]>(),
  'machines:retire': channel(
    z.object({ machineId: idSchema, retired: z.boolean() }).strict(),
  ).returns<Machine[]>(),
  'machines:day': channel(projectDay).returns<MachineDay>(),
  'machines:set': channel(
    z
      .object({
        projectId: idSchema,
        siteDay: day,
        shift: z.enum(SHIFTS),
        machineId: idSchema,
        hours: machineHoursSchema,
      })
      .strict(),
  ).returns<MachineDay>(),
  'machines:stats': channel(z.object({ projectId: idSchema, asOf: day }).strict()).returns<
    RigStats[]
  >(),
  'materials:day': channel(projectDay).returns<MaterialDay>(),
  'materials:add': channel(
    z.object({ projectId: idSchema, siteDay: day, entry: materialEntrySchema }).strict(),
  ).returns<MaterialDay>(),
  'materials:update': channel(
    z.object({ entryId: idSchema, entry: materialEntrySchema }).strict(),
  ).returns<MaterialDay>(),
  'materials:remove': channel(z.object({ entryId: idSchema }).strict()).returns<MaterialDay>(),
};
