import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Site data (issue: site data) and the local half of sync: the outbox of changes, the version of
// each synced cell, and device-local settings that never sync.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('panel_stage_events', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('panel_id').notNullable();
    t.text('stage').notNullable();
    // The stage's position in the sequence, so "how far has each panel got" is one GROUP BY.
    t.integer('stage_rank').notNullable();
    t.text('site_day').notNullable();
    t.text('shift').notNullable();
    t.text('team_id').nullable();
    t.text('occurred_at').notNullable();
    t.double('depth_m').nullable();
    t.double('width_m').nullable();
    t.double('verticality_x_pct').nullable();
    t.double('verticality_y_pct').nullable();
    t.double('sediment_mm').nullable();
    t.double('slurry_density').nullable();
    t.double('slurry_viscosity_s').nullable();
    t.double('slurry_sand_pct').nullable();
    t.double('concrete_volume_m3').nullable();
    t.text('rig').nullable();
    t.text('notes').nullable();
    t.index(['project_id', 'panel_id']);
    t.index(['panel_id', 'stage_rank']);
    t.index(['project_id', 'site_day']);
  });

  await knex.schema.createTable('crew_shifts', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    t.text('shift').notNullable();
    t.text('team_id').notNullable();
    t.integer('headcount').notNullable();
    t.double('hours').notNullable();
    t.text('foreman').nullable();
    t.index(['project_id', 'site_day']);
  });

  await knex.schema.createTable('staff_counts', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    t.integer('headcount').notNullable();
    t.index(['project_id', 'site_day']);
  });

  await knex.schema.createTable('daily_logs', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('site_day').notNullable();
    t.text('weather_am').nullable();
    t.text('weather_pm').nullable();
    t.double('temp_min_c').nullable();
    t.double('temp_max_c').nullable();
    t.double('rain_mm').nullable();
    t.text('wind').nullable();
    t.text('location').nullable();
    t.text('notes').nullable();
    t.text('issues').nullable();
    t.text('safety').nullable();
    t.index(['project_id', 'site_day']);
  });

  await knex.schema.createTable('users', (t) => {
    synced(t);
    t.text('name').notNullable();
    t.text('role').notNullable();
  });

  await knex.schema.createTable('devices', (t) => {
    synced(t);
    t.text('user_id').notNullable();
    t.text('name').notNullable();
    t.text('node_id').notNullable();
  });

  // One row per changed cell, written in the same transaction as the data. The sync issue pushes
  // these; `seq` is the local op id.
  await knex.schema.createTable('outbox', (t) => {
    t.increments('seq').primary();
    t.text('hlc').notNullable();
    t.text('tbl').notNullable();
    t.text('row_id').notNullable();
    t.text('col').notNullable();
    t.text('value').nullable();
    t.text('base_hlc').nullable();
    t.text('created_at').notNullable();
  });

  await knex.schema.createTable('cell_versions', (t) => {
    t.text('tbl').notNullable();
    t.text('row_id').notNullable();
    t.text('col').notNullable();
    t.text('hlc').notNullable();
    t.primary(['tbl', 'row_id', 'col']);
  });

  // Every local change is the cell's newest version. Keeping that in a trigger saves the write
  // path a statement per change (DESIGN.md: the client keeps (table, row, column) -> hlc).
  await knex.raw(`
    CREATE TRIGGER outbox_cell_version AFTER INSERT ON outbox BEGIN
      INSERT INTO cell_versions (tbl, row_id, col, hlc) VALUES (NEW.tbl, NEW.row_id, NEW.col, NEW.hlc)
      ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc;
    END`);

  await knex.schema.createTable('local_settings', (t) => {
    t.text('key').primary();
    t.text('value').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS outbox_cell_version');
  for (const table of [
    'local_settings',
    'cell_versions',
    'outbox',
    'devices',
    'users',
    'daily_logs',
    'staff_counts',
    'crew_shifts',
    'panel_stage_events',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
