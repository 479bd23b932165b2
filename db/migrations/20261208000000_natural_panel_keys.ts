import type { Knex } from 'knex';

// One record per panel stage and one panel per code in its structure (issue 28): stage events
// take their id from (panel, stage) and panels from (structure, code), as crew records do from
// their key. These indexes serve the writer's lookup of a key; the app merges the duplicates that
// older versions made right after this migration (main/app/repairs.ts), with its own code.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('panel_stage_events', (t) => {
    t.index(['project_id', 'panel_id', 'stage'], 'panel_stage_events_natural_key');
  });
  await knex.schema.alterTable('panels', (t) => {
    t.index(['project_id', 'structure_id', 'code'], 'panels_natural_key');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('panel_stage_events', (t) => {
    t.dropIndex([], 'panel_stage_events_natural_key');
  });
  await knex.schema.alterTable('panels', (t) => {
    t.dropIndex([], 'panels_natural_key');
  });
}
