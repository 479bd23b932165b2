// Repairs an upgrade needs, carried out by the app right after the migrations it follows, with
// this version's code: a landed migration never imports application code, which may change after
// it has landed.
import type { Knex } from 'knex';
import { mergeAllDuplicates, syncingProjects } from '../../db/repositories/natural-key-merge';

/** Migration 20261129000000_natural_keys gave rows natural ids: merge the older duplicates. */
const NATURAL_KEYS = '20261129000000_natural_keys';

export async function runRepairs(db: Knex, migrated: readonly string[]): Promise<void> {
  if (!migrated.includes(NATURAL_KEYS)) return;
  await db.transaction(async (trx) => {
    await mergeAllDuplicates(trx, { enqueue: await syncingProjects(trx) });
  });
}
