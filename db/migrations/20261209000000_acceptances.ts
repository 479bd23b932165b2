import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Supervisor acceptance (监理验收, issue 28): a supervisor signs or rejects a panel's hold point
// (trench acceptance, the cage's concealed-work acceptance, the order to pour). One row per panel,
// hold point and attempt (a natural key): a rejection stays, and the next signature is the next
// attempt. The signer is the signed-in user; the sync server sets it, whatever a laptop sends.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('acceptances', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('panel_id').notNullable();
    t.text('point').notNullable();
    t.integer('attempt').notNullable();
    /** 'signed' or 'rejected'. */
    t.text('decision').notNullable();
    t.text('remark').nullable();
    t.text('signed_by').notNullable();
    t.text('signer_name').notNullable();
    t.text('signed_at').notNullable();
    t.index(['project_id', 'panel_id', 'point', 'attempt'], 'acceptances_natural_key');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('acceptances');
}
