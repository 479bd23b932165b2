// What attendance imports remember: the file team names mapped to project teams, and the files
// imported (by fingerprint, with who and when; never a worker's name or ID number).
import type { Knex } from 'knex';

/** Each remembered file team name and its project team. */
export async function teamAliases(db: Knex, projectId: string): Promise<Map<string, string>> {
  const rows: { alias: string; team_id: string }[] = await db('team_aliases')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .select('alias', 'team_id');
  return new Map(rows.map((r) => [r.alias, r.team_id]));
}

/** The import of a file with this fingerprint, if there was one. */
export async function findImport(
  db: Knex,
  projectId: string,
  fingerprint: string,
): Promise<{ fileName: string; at: string; by: string } | null> {
  const row = (await db('attendance_imports')
    .where({ project_id: projectId, fingerprint })
    .whereNull('deleted_at')
    .first('file_name', 'imported_at', 'imported_by')) as Record<string, string> | undefined;
  return row ? { fileName: row.file_name!, at: row.imported_at!, by: row.imported_by! } : null;
}
