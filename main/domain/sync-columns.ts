// The column types of the sync schema (sync-schema.ts), and the builders its tables are written
// with: a column's type, nullability, range or enum, pattern, JSON shape and author.
import type { z } from 'zod';

export type ColumnType = 'text' | 'integer' | 'real' | 'flag' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  nullable: boolean;
  /** Text: the most characters; JSON: the most characters of its text. */
  max?: number;
  /** Numbers: the smallest and largest value. */
  min?: number;
  upper?: number;
  values?: readonly string[];
  pattern?: RegExp;
  /** What the JSON text must parse to. */
  shape?: z.ZodType;
  /**
   * An author column: the server sets it from the signed-in user (their id, or their name),
   * whatever the laptop wrote; a null stays null (nobody has approved yet).
   */
  author?: 'id' | 'name';
}

export interface TableSpec {
  columns: Readonly<Record<string, ColumnSpec>>;
  /** Columns only a manager may write ('*': the whole table is the project's set-up). */
  manager: '*' | ReadonlySet<string>;
  /** Never leaves the laptop (the server owns accounts). */
  localOnly?: true;
  /** Written by a supervisor only: their signatures (and nothing else is theirs to write). */
  supervisor?: true;
  /**
   * A history: the server refuses any change to a row it holds, and any deletion, but to the
   * `movable` references that merges re-point (and the audit stamps that come with a move).
   */
  appendOnly?: { movable: readonly string[] };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SHA256 = /^[0-9a-f]{64}$/;

export const text = (max = 200): ColumnSpec => ({ type: 'text', nullable: false, max });
export const id = (): ColumnSpec => text(64);
export const day = (): ColumnSpec => ({ type: 'text', nullable: false, max: 10, pattern: DAY });
export const time = (): ColumnSpec => ({
  type: 'text',
  nullable: false,
  max: 40,
  pattern: TIMESTAMP,
});
export const oneOf = (values: readonly string[]): ColumnSpec => ({
  type: 'text',
  nullable: false,
  values,
});
export const int = (min: number, upper: number): ColumnSpec => ({
  type: 'integer',
  nullable: false,
  min,
  upper,
});
export const real = (min: number, upper: number): ColumnSpec => ({
  type: 'real',
  nullable: false,
  min,
  upper,
});
export const flag = (): ColumnSpec => ({ type: 'flag', nullable: false });
export const json = (shape: z.ZodType, max = 64 * 1024): ColumnSpec => ({
  type: 'json',
  nullable: false,
  max,
  shape,
});
export const sha = (): ColumnSpec => ({ type: 'text', nullable: false, max: 64, pattern: SHA256 });
export const authorId = (): ColumnSpec => ({ ...text(64), author: 'id' });
export const authorName = (): ColumnSpec => ({ ...text(100), author: 'name' });
export const opt = (spec: ColumnSpec): ColumnSpec => ({ ...spec, nullable: true });
