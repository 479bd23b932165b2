import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Project set-up (issue 13): the sheet header's owner and contractor; structures, teams and panels
// that can be retired (they keep their history and leave the forms, counts and forecasts); where a
// generated panel lies on its wall line; a milestone scoped to a stage; and the history of panel
// design corrections (who, when, old and new values).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('projects', (t) => {
    t.text('owner_name').nullable();
    t.text('contractor_name').nullable();
  });
  for (const table of ['structures', 'teams'])
    await knex.schema.alterTable(table, (t) => {
      t.text('retired_at').nullable();
    });
  await knex.schema.alterTable('panels', (t) => {
    t.text('retired_at').nullable();
    t.integer('wall_line').nullable();
    t.float('from_m').nullable();
    t.float('to_m').nullable();
    t.float('corner_at_m').nullable();
  });
  await knex.schema.alterTable('milestones', (t) => {
    t.text('scope_stage').nullable();
  });
  await knex.schema.createTable('panel_changes', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('panel_id').notNullable();
    /** JSON: { column: [before, after] } for each design value the correction changed. */
    t.text('changes').notNullable();
    t.text('changed_by').notNullable();
    t.text('changed_by_name').notNullable();
    t.text('changed_at').notNullable();
    t.text('reason').nullable();
    t.index(['panel_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('panel_changes');
  await knex.schema.alterTable('milestones', (t) => {
    t.dropColumn('scope_stage');
  });
  await knex.schema.alterTable('panels', (t) => {
    for (const column of ['retired_at', 'wall_line', 'from_m', 'to_m', 'corner_at_m'])
      t.dropColumn(column);
  });
  for (const table of ['structures', 'teams'])
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('retired_at');
    });
  await knex.schema.alterTable('projects', (t) => {
    t.dropColumn('owner_name');
    t.dropColumn('contractor_name');
  });
}
