import type { Knex } from 'knex';
import { synced } from './synced-columns';

// The client half of sync: the conflict ledger (written by the server, synced to every laptop),
// changes kept aside until they can be applied, and changes the server refused.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conflicts', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('target_tbl').notNullable();
    t.text('target_row').notNullable();
    t.text('target_col').notNullable();
    // Values as the JSON text the server stores; times are the HLC stamps of the two writes.
    t.text('kept_value').nullable();
    t.text('kept_hlc').notNullable();
    t.text('kept_by').notNullable();
    t.text('lost_value').nullable();
    t.text('lost_hlc').notNullable();
    t.text('lost_by').notNullable();
    t.text('detected_at').notNullable();
    t.text('resolved_at').nullable();
    t.text('resolved_by').nullable();
    t.text('resolution').nullable();
    t.index(['project_id', 'resolved_at']);
  });

  // A remote change this version cannot apply yet: a table or column it does not know (it waits
  // for an upgrade), or a cell of a row whose other required cells have not arrived yet.
  await knex.schema.createTable('sync_pending', (t) => {
    t.text('tbl').notNullable();
    t.text('row_id').notNullable();
    t.text('col').notNullable();
    t.text('value').nullable();
    t.text('hlc').notNullable();
    t.text('reason').notNullable();
    t.primary(['tbl', 'row_id', 'col']);
  });

  // The version of a whole row that arrived from elsewhere, for its cells without a version of
  // their own in cell_versions: a fresh laptop's first download writes one row here instead of one
  // per cell (see the sync benchmark).
  await knex.schema.createTable('row_versions', (t) => {
    t.text('tbl').notNullable();
    t.text('row_id').notNullable();
    t.text('hlc').notNullable();
    t.primary(['tbl', 'row_id']);
  });

  // Re-sent cells (publishing a project, or re-sending what a restored server lost) are marked so
  // the server does not take them for concurrent edits.
  await knex.schema.alterTable('outbox', (t) => {
    t.integer('replay').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('sync_rejected', (t) => {
    t.integer('op_id').primary();
    t.text('tbl').notNullable();
    t.text('row_id').notNullable();
    t.text('col').notNullable();
    t.text('value').nullable();
    t.text('hlc').notNullable();
    t.text('code').notNullable();
    t.text('reason').notNullable();
    t.text('rejected_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['sync_rejected', 'row_versions', 'sync_pending', 'conflicts'])
    await knex.schema.dropTableIfExists(table);
  // Found by the generated upgrade test: `up` adds this column, so `down` takes it away.
  await knex.raw('ALTER TABLE outbox DROP COLUMN replay');
}
