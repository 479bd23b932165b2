// Generic database contents for upgrade tests: every table filled with rows of values its column
// types accept, read back whole, and the schema as table → columns. Works on SQLite and PostgreSQL
// through knex's column introspection, so a new table or column is covered without a line here.
import type { Knex } from 'knex';

type Value = string | number;

export async function tablesOf(db: Knex): Promise<string[]> {
  const client = String(db.client.config.client);
  const rows: { name: string }[] =
    client === 'pg'
      ? (
          await db.raw(
            `SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        ).rows
      : await db('sqlite_master').where({ type: 'table' }).select('name');
  return rows
    .map((r) => r.name)
    .filter((name) => !/^(sqlite_|knex_|server_migrations)/.test(name))
    .sort();
}

/** table → its columns, sorted: what a down migration must give back exactly. */
export async function schemaOf(db: Knex): Promise<Record<string, string[]>> {
  const schema: Record<string, string[]> = {};
  for (const table of await tablesOf(db))
    schema[table] = Object.keys(await db(table).columnInfo()).sort();
  return schema;
}

/** SQLite's named indexes and triggers, sorted (a down migration gives these back too). */
export async function sqliteObjects(db: Knex): Promise<string[]> {
  const rows: { type: string; name: string }[] = await db('sqlite_master')
    .whereIn('type', ['index', 'trigger'])
    .whereNotNull('sql')
    .select('type', 'name');
  return rows.map((r) => `${r.type} ${r.name}`).sort();
}

function valueFor(info: Knex.ColumnInfo, table: string, column: string, i: number): Value {
  const type = info.type.toLowerCase();
  if (/int|serial/.test(type)) return i + 1;
  if (/real|float|double|numeric|decimal/.test(type)) return i + 0.5;
  const text = `${table.slice(0, 3)}${column.slice(0, 3)}${i}`;
  return info.maxLength ? text.slice(-Number(info.maxLength)) : text;
}

/** Puts `rows` rows into every table, every column given a value (distinct per row). */
export async function fillEveryTable(
  db: Knex,
  rows = 3,
  only?: readonly string[],
): Promise<number> {
  let written = 0;
  for (const table of only ?? (await tablesOf(db))) {
    const columns = Object.entries(await db(table).columnInfo());
    const data = Array.from({ length: rows }, (_, i) =>
      Object.fromEntries(columns.map(([name, info]) => [name, valueFor(info, table, name, i)])),
    );
    await db(table).insert(data);
    written += data.length;
  }
  return written;
}

/** Every row of every table, in the columns given, in a stable order. */
export async function contentsOf(
  db: Knex,
  schema: Record<string, string[]>,
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, columns] of Object.entries(schema))
    out[table] = await db(table).select(columns).orderBy(columns);
  return out;
}
