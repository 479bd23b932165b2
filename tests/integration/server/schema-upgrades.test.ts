// The sync server's migrations follow the app's convention: each one, generated from the list,
// upgrades a database of the version before it holding rows (SQLite and PostgreSQL), keeps them,
// and `down` gives back the schema before.
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { SERVER_MIGRATIONS, serverMigrations } from '../../../server/schema';
import { freshPostgresUrl } from '../../helpers/postgres';
import { contentsOf, fillEveryTable, schemaOf } from '../../helpers/schema-fill';
import { tempDir } from '../../helpers/temp-dir';

const databases: Record<string, () => Promise<Knex>> = {
  sqlite: async () => createSqliteKnex({ filename: path.join(tempDir(), 'server.sqlite') }),
  postgres: async () => knexFactory({ client: 'pg', connection: await freshPostgresUrl() }),
};

const cases = Object.keys(databases).flatMap((dialect) =>
  SERVER_MIGRATIONS.map((m, i) => [dialect, m.name, i] as const),
);

describe('every server migration upgrades a database of the version before it', () => {
  it.each(cases)('%s: %s', async (dialect, _name, index) => {
    const db = await databases[dialect]!();
    try {
      const before = SERVER_MIGRATIONS.slice(0, index);
      const through = SERVER_MIGRATIONS.slice(0, index + 1);
      if (before.length) await db.migrate.latest(serverMigrations(before));
      await fillEveryTable(db);
      const schemaBefore = await schemaOf(db);
      const contentsBefore = await contentsOf(db, schemaBefore);

      await db.migrate.latest(serverMigrations(through));
      const schemaAfter = await schemaOf(db);
      for (const [table, columns] of Object.entries(schemaBefore))
        expect(schemaAfter[table], table).toEqual(expect.arrayContaining(columns));
      expect(await contentsOf(db, schemaBefore)).toEqual(contentsBefore);
      expect(schemaAfter).not.toEqual(schemaBefore);
      const created = Object.keys(schemaAfter).filter((t) => !(t in schemaBefore));
      expect(await fillEveryTable(db, 2, created)).toBe(created.length * 2);

      await db.migrate.down(serverMigrations(through));
      expect(await schemaOf(db)).toEqual(schemaBefore);
      expect(await contentsOf(db, schemaBefore)).toEqual(contentsBefore);
      await db.migrate.latest(serverMigrations(through));
      expect(await schemaOf(db)).toEqual(schemaAfter);
    } finally {
      await db.destroy();
    }
  });
});
