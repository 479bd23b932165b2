import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Several engineers, one truth (issue 11): rows unique by a natural key now have ids derived from
// it. The duplicates older versions made are merged (one survivor with the natural id, each cell
// the newest, losing values in the conflict ledger, the rest tombstoned) by the app right after
// migrating it (main/app/repairs.ts), so that a landed migration never runs application code that
// may change after it. It adds the synced `people` table that gives user ids
// their names on every laptop.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('people', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('user_id').notNullable();
    t.text('name').notNullable();
    t.index(['project_id']);
  });
  await knex.schema.alterTable('sheet_revisions', (t) => {
    t.index(['project_id', 'site_day', 'revision']);
  });
  await knex.schema.alterTable('crew_shifts', (t) => {
    t.index(['project_id', 'site_day', 'shift', 'team_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('crew_shifts', (t) => {
    t.dropIndex(['project_id', 'site_day', 'shift', 'team_id']);
  });
  await knex.schema.alterTable('sheet_revisions', (t) => {
    t.dropIndex(['project_id', 'site_day', 'revision']);
  });
  await knex.schema.dropTableIfExists('people');
}
