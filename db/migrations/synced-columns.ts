import type { Knex } from 'knex';

// Every synced table: a device-generated UUIDv7 text id, audit columns and a tombstone instead of
// hard deletes. No UNIQUE on natural keys (panel code, team code): two laptops may create the
// same code offline, and sync must still apply both rows; features check codes among live rows.
// No FOREIGN KEY constraints either: sync delivers rows cell by cell and page by page, so a child
// can arrive before its parent; the features check references when they write.
// Frozen with the migrations that ran it (landed.json): a table of another shape needs a new helper.
export function synced(t: Knex.CreateTableBuilder): void {
  t.text('id').primary();
  t.text('created_at').notNullable();
  t.text('updated_at').notNullable();
  t.text('updated_by').notNullable().defaultTo('');
  t.text('deleted_at').nullable();
}
