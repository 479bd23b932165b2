// Who may name whom: the server's rules for the synced `people` table (a user id's name, shown
// for the ids that audit columns carry). Names of the server's accounts are the server's own.
import type { Knex } from 'knex';
import { chunks } from '../main/domain/chunks';
import type { Change } from '../main/domain/sync-protocol';

/** Of the user ids a batch's `people` rows name, those that are the server's accounts. */
export async function accountsNamed(
  trx: Knex.Transaction,
  changes: Change[],
): Promise<Set<string>> {
  const named = changes
    .filter((c) => c.tbl === 'people' && c.col === 'user_id' && typeof c.value === 'string')
    .map((c) => c.value as string);
  const accounts = new Set<string>();
  for (const part of chunks([...new Set(named)], 500))
    for (const id of (await trx('users').whereIn('id', part).pluck('id')) as string[])
      accounts.add(id);
  return accounts;
}

/**
 * Who may write a `people` row (a user id's name): anyone for their own account; for an id that
 * is no account (a laptop's user from before it signed in), the person who first named it. The
 * name itself is an author column: the server writes the writer's own.
 */
export function peopleRefusal(
  change: Change,
  userId: string,
  held: {
    /** The user ids the batch names that are the server's accounts (accountsNamed). */
    accounts: Set<string>;
    /** A cell of a `people` row as the server holds it. */
    heldCell: (rowId: string, col: string) => { hlc: string; user_id: string } | undefined;
  },
): string | null {
  if (change.tbl !== 'people') return null;
  // A re-sent write (a merge's replay) changes nothing: whoever sends it.
  if (held.heldCell(change.row_id, change.col)?.hlc === change.hlc) return null;
  if (
    change.col === 'user_id' &&
    change.value !== userId &&
    held.accounts.has(String(change.value))
  )
    return "another account's name is the server's";
  const holder = held.heldCell(change.row_id, 'name')?.user_id;
  if (holder && holder !== userId) return 'a name another person gave';
  return null;
}
