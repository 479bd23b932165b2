import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** A hash over every row of every table, to prove that an operation changed nothing. */
export async function dbChecksum(db: Knex): Promise<string> {
  const tables: { name: string }[] = await db('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .orderBy('name')
    .select('name');
  const hash = createHash('sha256');
  for (const { name } of tables) {
    const rows = await db(name).select('*').orderByRaw('rowid');
    hash.update(name).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}
