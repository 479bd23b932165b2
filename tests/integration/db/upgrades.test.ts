// Every migration as an upgrade, generated from the migration list (Signal-Desktop's convention):
// a database at the version before it, every table holding rows, is migrated; nothing already
// stored may change or go, the database stays sound, and `down` gives back the schema before.
// Migrations that move data have their own tests besides (site data, natural keys).
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createSqliteKnex } from '../../../db/connection';
import { MIGRATIONS } from '../../../db/migrations';
import { contentsOf, fillEveryTable, schemaOf, sqliteObjects } from '../../helpers/schema-fill';
import { tempDir } from '../../helpers/temp-dir';

type Migration = (typeof MIGRATIONS)[number];
const source = (list: readonly Migration[]): Knex.MigrationSource<Migration> => ({
  getMigrations: async () => [...list],
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
});

async function soundness(db: Knex) {
  const integrity = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
  const foreignKeys = (await db.raw('PRAGMA foreign_key_check')) as unknown[];
  return { integrity: integrity.map((r) => r.integrity_check), foreignKeys };
}

describe('every migration upgrades a database of the version before it', () => {
  it.each(MIGRATIONS.map((m, i) => [m.name, i] as const))('%s', async (_name, index) => {
    const db = createSqliteKnex({ filename: path.join(tempDir(), 'haitai.sqlite') });
    try {
      const before = MIGRATIONS.slice(0, index);
      const through = MIGRATIONS.slice(0, index + 1);
      if (before.length) await db.migrate.latest({ migrationSource: source(before) });
      const written = await fillEveryTable(db);
      expect(written > 0).toBe(index > 0);
      const schemaBefore = await schemaOf(db);
      const objectsBefore = await sqliteObjects(db);
      const contentsBefore = await contentsOf(db, schemaBefore);

      await db.migrate.latest({ migrationSource: source(through) });
      const schemaAfter = await schemaOf(db);
      const objectsAfter = await sqliteObjects(db);
      expect(objectsAfter).toEqual(expect.arrayContaining(objectsBefore));
      // Nothing stored before is lost or changed: every table and column stays, with its rows.
      for (const [table, columns] of Object.entries(schemaBefore))
        expect(schemaAfter[table], table).toEqual(expect.arrayContaining(columns));
      expect(await contentsOf(db, schemaBefore)).toEqual(contentsBefore);
      expect(await soundness(db)).toEqual({ integrity: ['ok'], foreignKeys: [] });
      // The migration added something (a table, a column or an index), and what it added takes
      // rows too.
      expect({ schemaAfter, objectsAfter }).not.toEqual({
        schemaAfter: schemaBefore,
        objectsAfter: objectsBefore,
      });
      const created = Object.keys(schemaAfter).filter((t) => !(t in schemaBefore));
      expect(await fillEveryTable(db, 2, created)).toBe(created.length * 2);

      // Down gives back the schema before; up again applies cleanly over the same rows.
      await db.migrate.down({ migrationSource: source(through) });
      expect(await schemaOf(db)).toEqual(schemaBefore);
      expect(await sqliteObjects(db)).toEqual(objectsBefore);
      expect(await contentsOf(db, schemaBefore)).toEqual(contentsBefore);
      await db.migrate.latest({ migrationSource: source(through) });
      expect(await schemaOf(db)).toEqual(schemaAfter);
      expect(await sqliteObjects(db)).toEqual(objectsAfter);
    } finally {
      await db.destroy();
    }
  });
});
