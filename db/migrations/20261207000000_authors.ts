import type { Knex } from 'knex';

// Authors from the server (issue 26): the names the server gives the user ids its changes carry,
// written only from a pull, never synced, so no laptop can rename another person. A cell kept
// aside keeps who wrote it and what rule it broke, for the Sync screen.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('authors', (t) => {
    t.text('user_id').primary();
    t.text('name').notNullable();
  });
  await knex.schema.alterTable('sync_pending', (t) => {
    t.text('user_id').nullable();
    t.text('detail').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('authors');
  await knex.raw('ALTER TABLE sync_pending DROP COLUMN user_id');
  await knex.raw('ALTER TABLE sync_pending DROP COLUMN detail');
}
