// Repairs an upgrade needs, carried out by the app right after the migrations it follows, with
// this version's code: a landed migration never imports application code, which may change after
// it has landed.
import type { Knex } from 'knex';
import { mergeAllDuplicates, syncingProjects } from '../../db/repositories/natural-key-merge';

/**
 * Migrations that gave rows natural ids (crew records and day logs; then panels and their stage
 * records): merge the duplicates older versions made.
 */
const NATURAL_KEYS = ['20261129000000_natural_keys', '20261208000000_natural_panel_keys'];

export async function runRepairs(db: Knex, migrated: readonly string[]): Promise<void> {
  if (!NATURAL_KEYS.some((name) => migrated.includes(name))) return;
  await db.transaction(async (trx) => {
    await mergeAllDuplicates(trx, { enqueue: await syncingProjects(trx) });
  });
}
