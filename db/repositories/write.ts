import type { Knex } from 'knex';
import { chunks } from '../../main/domain/chunks';

export type Row = Record<string, string | number | null>;

/** SQLite's default limit on bound parameters per statement is 32,766; stay well below it. */
const MAX_PARAMS = 30_000;

/**
 * Inserts rows with multi-row statements: node-sqlite3 pays a thread round trip per statement, so
 * batching is about 3x faster than one INSERT per row (DESIGN.md, known pitfalls).
 */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / Math.max(1, columns))));
  for (const part of chunks(rows, chunk)) await db(table).insert(part);
}
