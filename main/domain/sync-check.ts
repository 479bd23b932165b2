// Judging one synced cell by the sync schema (sync-schema.ts), and reading a JSON column safely.
import { SYNC_SCHEMA, type ColumnSpec, type TableSpec } from './sync-schema';

const SPECS: Readonly<Record<string, TableSpec>> = SYNC_SCHEMA;

export function tableSpec(table: string): TableSpec | null {
  return Object.hasOwn(SPECS, table) ? SPECS[table]! : null;
}

function columnSpec(table: string, column: string): ColumnSpec | null {
  const spec = tableSpec(table);
  return spec && Object.hasOwn(spec.columns, column) ? spec.columns[column]! : null;
}

/** Whether a column names its writer (the server sets it), and how: by id or by name. */
export function authorOf(table: string, column: string): 'id' | 'name' | null {
  return columnSpec(table, column)?.author ?? null;
}

/** Why a cell is refused by the schema, or null when it fits. */
export interface CellRefusal {
  code: 'sync.unknown_column' | 'sync.invalid_value';
  reason: string;
}

/**
 * Judges one cell against the schema: the table and column must be known and synced, and the
 * value must have the column's type, fit its range, enum, pattern and size, and (for a JSON
 * column) be JSON text of the column's shape.
 */
export function checkCell(table: string, column: string, value: unknown): CellRefusal | null {
  const spec = tableSpec(table);
  if (!spec || spec.localOnly)
    return { code: 'sync.unknown_column', reason: `unknown table ${table}` };
  const col = columnSpec(table, column);
  if (!col) return { code: 'sync.unknown_column', reason: `unknown column ${table}.${column}` };
  const bad = (why: string): CellRefusal => ({
    code: 'sync.invalid_value',
    reason: `${table}.${column}: ${why}`,
  });
  if (value === null || value === undefined) return col.nullable ? null : bad('may not be empty');
  switch (col.type) {
    case 'integer':
    case 'real': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('not a number');
      if (col.type === 'integer' && !Number.isInteger(value)) return bad('not a whole number');
      if (value < col.min! || value > col.upper!) return bad(`outside ${col.min!}…${col.upper!}`);
      return null;
    }
    case 'flag':
      return value === 0 || value === 1 || typeof value === 'boolean' ? null : bad('not 0 or 1');
    case 'text': {
      if (typeof value !== 'string') return bad('not text');
      if (value.length > col.max!) return bad(`longer than ${col.max!} characters`);
      if (col.values && !col.values.includes(value))
        return bad(`not one of ${col.values.join(', ')}`);
      if (col.pattern && !col.pattern.test(value)) return bad('not in the expected form');
      return null;
    }
    case 'json': {
      if (typeof value !== 'string') return bad('not JSON text');
      if (value.length > col.max!) return bad(`longer than ${col.max!} characters`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return bad('not valid JSON');
      }
      return col.shape!.safeParse(parsed).success ? null : bad('JSON of the wrong shape');
    }
  }
}

/** Parses a JSON column's text, or gives `fallback` for text that is not JSON (never throws). */
export function parseJsonCell<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
