import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Schedule (issue 6): the project's working calendar, each structure's planned start and finish
// (the planned S-curve), and the history of milestone due-date changes with who and when. Each is
// its own synced cell or row, so editing the calendar never conflicts with other settings.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('projects', (t) => {
    t.text('calendar').nullable();
  });
  await knex.schema.alterTable('structures', (t) => {
    t.text('planned_start').nullable();
    t.text('planned_finish').nullable();
  });
  await knex.schema.createTable('milestone_changes', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('milestone_id').notNullable();
    t.text('from_date').notNullable();
    t.text('to_date').notNullable();
    t.text('changed_by').notNullable();
    t.text('changed_by_name').notNullable();
    t.text('changed_at').notNullable();
    t.text('reason').nullable();
    t.index(['milestone_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('milestone_changes');
  await knex.schema.alterTable('structures', (t) => {
    t.dropColumn('planned_start');
    t.dropColumn('planned_finish');
  });
  await knex.schema.alterTable('projects', (t) => {
    t.dropColumn('calendar');
  });
}
