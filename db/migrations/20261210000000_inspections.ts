import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Inspections as records (issue 28): a re-test of a stage's test (the trench's measurements, the
// slurry) and the concrete's slump test are rows of their own, one per panel, test and attempt (a
// natural key), so a failed attempt stays beside the one that passed. A correction of a stage
// record or of an attempt is a row too: who, when, the old and new values and the reason, the
// record as corrected being the next version.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inspections', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('panel_id').notNullable();
    /** 'trench', 'slurry' or 'concrete'. */
    t.text('kind').notNullable();
    t.integer('attempt').notNullable();
    t.text('site_day').notNullable();
    t.text('shift').notNullable();
    t.text('occurred_at').notNullable();
    t.double('depth_m').nullable();
    t.double('width_m').nullable();
    t.double('verticality_x_pct').nullable();
    t.double('verticality_y_pct').nullable();
    t.double('sediment_mm').nullable();
    t.double('slurry_density').nullable();
    t.double('slurry_viscosity_s').nullable();
    t.double('slurry_sand_pct').nullable();
    t.double('slump_mm').nullable();
    t.integer('cube_sets').nullable();
    t.text('notes').nullable();
    t.index(['project_id', 'panel_id', 'kind', 'attempt'], 'inspections_natural_key');
    t.index(['project_id', 'site_day'], 'inspections_by_day');
  });
  await knex.schema.createTable('corrections', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('panel_id').notNullable();
    /** 'panel_stage_events' or 'inspections'. */
    t.text('record_table').notNullable();
    t.text('record_id').notNullable();
    /** 'corrected' or 'withdrawn'. */
    t.text('action').notNullable();
    /** JSON: field → [old, new]. */
    t.text('changes').notNullable();
    t.text('reason').notNullable();
    t.text('corrected_by').notNullable();
    t.text('corrector_name').notNullable();
    t.text('corrected_at').notNullable();
    t.index(['record_id'], 'corrections_by_record');
    t.index(['project_id', 'panel_id'], 'corrections_by_panel');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('corrections');
  await knex.schema.dropTable('inspections');
}
