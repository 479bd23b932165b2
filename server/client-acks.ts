// Ops the server acknowledged without logging them again (a write it already held): a client's
// last op, as the server tells it, counts them, or the laptop would take the server for one
// restored from an older backup (seed -1207002, issue 31).
import type { Knex } from 'knex';

/** The client's highest op acknowledged without a log row (its clientState counts it). */
export async function recordHeldAgain(
  trx: Knex.Transaction,
  projectId: string,
  clientId: string,
  opId: number,
): Promise<void> {
  await trx('client_acks')
    .insert({ project_id: projectId, client_id: clientId, last_op_id: opId })
    .onConflict(['project_id', 'client_id'])
    .merge({
      last_op_id: trx.raw(
        'CASE WHEN excluded.last_op_id > client_acks.last_op_id THEN excluded.last_op_id ELSE client_acks.last_op_id END',
      ),
    });
}

/** A client's last op as the server knows it: logged, or acknowledged without a log row. */
export async function lastOpOf(knex: Knex, projectId: string, clientId: string): Promise<number> {
  const logged = await knex('changes')
    .where({ project_id: projectId, client_id: clientId })
    .max({ m: 'op_id' })
    .first();
  const held = await knex('client_acks')
    .where({ project_id: projectId, client_id: clientId })
    .first('last_op_id');
  return Math.max(Number(logged?.m ?? 0), Number(held?.last_op_id ?? 0));
}
