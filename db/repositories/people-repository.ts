// Who is who: the names of the people who write to a project. The server names the users its
// changes carry (authors, written only from a pull); each laptop also writes a synced `people` row
// for the user ids it wrote under before it signed in (its local user), so every laptop can show a
// name for the ids that audit columns, timelines and ledgers carry. The server's word wins.
import type { Knex } from 'knex';
import { authorsSchema, type Authors } from '../../main/domain/sync-protocol';

type Db = Knex | Knex.Transaction;

/** user id → display name, from the project's people and this laptop's own local users. */
export async function namesOf(db: Db, projectId: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const u of (await db('users').select('id', 'name')) as { id: string; name: string }[])
    names.set(u.id, u.name);
  for (const p of (await db('people')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .orderBy('updated_at')
    .select('user_id', 'name')) as { user_id: string; name: string }[])
    names.set(p.user_id, p.name);
  for (const a of (await db('authors').select('user_id', 'name')) as {
    user_id: string;
    name: string;
  }[])
    names.set(a.user_id, a.name);
  return names;
}

/**
 * Keeps the names the server gave (a pull's or a snapshot's authors). What fails the schema is
 * not kept: a name is shown only as the server's accounts hold it.
 */
export async function recordAuthors(db: Db, authors: unknown): Promise<void> {
  if (typeof authors !== 'object' || authors === null) return;
  const rows = Object.entries(authors)
    .filter(([id, name]) => authorsSchema.safeParse({ [id]: name }).success)
    .map(([user_id, name]) => ({ user_id, name: name as Authors[string] }));
  for (let i = 0; i < rows.length; i += 300)
    await db('authors')
      .insert(rows.slice(i, i + 300))
      .onConflict('user_id')
      .merge(['name']);
}

/** Which of these user ids the project's people already name `name`. */
export async function usersNamed(
  db: Db,
  projectId: string,
  userIds: string[],
  name: string,
): Promise<Set<string>> {
  return new Set(
    (await db('people')
      .where({ project_id: projectId, name })
      .whereIn('user_id', userIds)
      .whereNull('deleted_at')
      .pluck('user_id')) as string[],
  );
}

/** A local user's name (the account this laptop made for itself before any sign-in). */
export async function localUserName(db: Db, userId: string): Promise<string | null> {
  const row = await db('users').where({ id: userId }).first('name');
  return (row?.name as string | undefined) ?? null;
}
