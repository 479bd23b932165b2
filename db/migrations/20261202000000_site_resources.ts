import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Site resources (issue 14): the project's machines and each one's hours per site day and shift
// (one record per day, shift and machine: a natural key), and the materials delivered and used.
// Attendance imports: where a crew record came from, the file team names mapped to project teams
// (remembered), and each imported file's fingerprint (never a name or an ID number).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('machines', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('code').notNullable();
    t.text('kind').notNullable();
    t.text('make_model').nullable();
    t.integer('on_site').notNullable().defaultTo(1);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.text('retired_at').nullable();
    t.index(['project_id']);
  });
  await knex.schema.createTable('machine_shifts', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    t.text('shift').notNullable();
    t.text('machine_id').notNullable();
    t.double('hours_working').notNullable().defaultTo(0);
    t.double('hours_standby').notNullable().defaultTo(0);
    t.double('hours_down').notNullable().defaultTo(0);
    t.text('down_reason').nullable();
    t.text('note').nullable();
    t.index(['project_id', 'site_day']);
  });
  await knex.schema.createTable('material_entries', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    /** 'delivery' or 'use'. */
    t.text('kind').notNullable();
    t.text('material').notNullable();
    t.double('quantity').notNullable();
    t.text('unit').notNullable();
    t.text('supplier').nullable();
    t.text('delivery_note').nullable();
    t.text('note').nullable();
    t.index(['project_id', 'site_day']);
  });
  await knex.schema.alterTable('crew_shifts', (t) => {
    /** Null when typed; "attendance: FILE" when counted from a gate export. */
    t.text('source').nullable();
  });
  await knex.schema.createTable('team_aliases', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('alias').notNullable();
    t.text('team_id').notNullable();
    t.index(['project_id']);
  });
  await knex.schema.createTable('attendance_imports', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    /** SHA-256 of the file's bytes. */
    t.text('fingerprint').notNullable();
    t.text('file_name').notNullable();
    t.text('imported_by').notNullable();
    t.text('imported_at').notNullable();
    t.text('from_day').nullable();
    t.text('to_day').nullable();
    t.integer('records').notNullable();
    t.index(['project_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('crew_shifts', (t) => {
    t.dropColumn('source');
  });
  for (const table of [
    'attendance_imports',
    'team_aliases',
    'material_entries',
    'machine_shifts',
    'machines',
  ])
    await knex.schema.dropTableIfExists(table);
}
