import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Submitted and approved daily sheets. Each revision keeps the sheet exactly as it was submitted,
// so an approved sheet can be produced again to the letter after the day's data has changed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sheet_revisions', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    t.integer('revision').notNullable();
    t.text('status').notNullable();
    t.text('sheet').notNullable();
    t.text('submitted_by').notNullable();
    t.text('submitted_at').notNullable();
    t.text('approved_by').nullable();
    t.text('approved_at').nullable();
    t.index(['project_id', 'site_day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sheet_revisions');
}
