import type { Knex } from 'knex';

// Milestones and structure plans from the planners' schedule (issue 13): the activity a milestone
// or a structure's plan came from, so a re-import updates it by activity code; the activity's name
// as last imported, so a renamed activity renames only the names nobody edited by hand.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('milestones', (t) => {
    t.text('source_code').nullable();
    t.text('source_name').nullable();
    t.text('source_wbs').nullable();
    t.index(['project_id', 'source_code']);
  });
  await knex.schema.alterTable('structures', (t) => {
    t.text('plan_source_code').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('structures', (t) => {
    t.dropColumn('plan_source_code');
  });
  await knex.schema.alterTable('milestones', (t) => {
    t.dropIndex(['project_id', 'source_code']);
    for (const column of ['source_code', 'source_name', 'source_wbs']) t.dropColumn(column);
  });
}
