import type { Knex } from 'knex';
import { synced } from './synced-columns';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    synced(t);
    t.text('code').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('timezone').notNullable().defaultTo('Asia/Shanghai');
    t.integer('is_demo').notNullable().defaultTo(0);
    t.text('settings').notNullable().defaultTo('{}');
  });

  await knex.schema.createTable('structures', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('code').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('kind').notNullable();
    t.text('outline').nullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['project_id']);
  });

  await knex.schema.createTable('panels', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('structure_id').notNullable();
    t.text('code').notNullable();
    t.text('type').notNullable();
    t.integer('sequence').notNullable();
    t.double('length_m').notNullable();
    t.double('thickness_m').notNullable();
    t.double('design_depth_m').notNullable();
    t.double('top_level_m').notNullable();
    t.double('toe_level_m').notNullable();
    t.double('theoretical_volume_m3').notNullable();
    t.double('cage_weight_t').nullable();
    t.text('joint_type').nullable();
    t.index(['project_id', 'structure_id', 'sequence']);
    t.index(['structure_id', 'code']);
  });

  await knex.schema.createTable('teams', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('code').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['project_id']);
  });

  await knex.schema.createTable('milestones', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('due_date').notNullable();
    t.text('baseline_date').notNullable();
    t.text('actual_date').nullable();
    t.text('scope_structure_id').nullable();
    t.text('scope_panel_ids').nullable();
    t.index(['project_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['milestones', 'teams', 'panels', 'structures', 'projects']) {
    await knex.schema.dropTableIfExists(table);
  }
}
