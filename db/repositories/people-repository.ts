// Who is who: the names of the people who write to a project. Each laptop writes a synced row for
// its signed-in user (natural id by user), so every laptop can show real names for the user ids
// that audit columns, timelines and ledgers carry.
import type { Knex } from 'knex';

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
  return names;
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
