import { z } from 'zod';
import { ATTENDANCE_FIELDS, type AttendanceProblem } from '../../domain/attendance';
import { idSchema } from '../../domain/ids';
import { base64Text, channel, text } from '../channel';

/** An attendance export as the renderer read it (30 MB at most, in base64). */
const file = {
  fileName: text(255).regex(/\.(xlsx|csv)$/i, 'an .xlsx or .csv file'),
  dataBase64: base64Text(42_000_000),
};

/** Which column holds each field, when the headers were not recognised: column indexes from 0. */
const mapping = z
  .object(
    Object.fromEntries(
      ATTENDANCE_FIELDS.map((f) => [f, z.number().int().min(0).max(200).optional()]),
    ) as Record<(typeof ATTENDANCE_FIELDS)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

export interface AttendanceDayRow {
  siteDay: string;
  shift: 'day' | 'night';
  /** The team as the file names it, and the project team it maps to (null: not yet mapped). */
  team: string;
  teamId: string | null;
  headcount: number;
  /** What is recorded now for that team and shift, or null. */
  recorded: number | null;
}

export interface AttendancePreview {
  fileName: string;
  encoding: string | null;
  headers: string[];
  mapping: Partial<Record<(typeof ATTENDANCE_FIELDS)[number], number>>;
  /** Why the columns cannot be counted from yet: the user maps them. */
  mappingProblem: string | null;
  /** The same file was imported before (nothing would change). */
  alreadyImported: { fileName: string; at: string; by: string } | null;
  rows: number;
  punches: number;
  workers: number;
  from: string | null;
  to: string | null;
  /** Each team the file names, with the project team it maps to (remembered or by name). */
  teams: { name: string; teamId: string | null }[];
  days: AttendanceDayRow[];
  problems: AttendanceProblem[];
  problemCount: number;
}

export interface AttendanceCommit {
  records: number;
  days: number;
  alreadyImported: boolean;
}

const input = { projectId: idSchema, ...file, mapping: mapping.optional() };

export const attendanceContract = {
  'attendance:preview': channel(z.object(input).strict()).returns<AttendancePreview>(),
  'attendance:commit': channel(
    z
      .object({
        ...input,
        /** Each file team's project team. */
        teams: z.array(z.object({ name: text(100).min(1), teamId: idSchema }).strict()).max(500),
      })
      .strict(),
  ).returns<AttendanceCommit>(),
};
