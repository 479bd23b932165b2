import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Site resources (issue 14): the project's machines and each one's hours per site day and shift
// (one record per day, shift and machine: a natural key), and the materials delivered and used.
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
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['material_entries', 'machine_shifts', 'machines'])
    await knex.schema.dropTableIfExists(table);
}
