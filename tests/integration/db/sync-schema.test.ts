// The sync schema (main/domain/sync-schema.ts) against the tables the migrations make: every
// synced column has an entry of the right type and nullability, and the schema names nothing the
// database does not have. A column a migration adds without a schema entry fails here.
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../../db/repositories/synced-writer';
import { checkCell } from '../../../main/domain/sync-check';
import { SYNC_SCHEMA, type ColumnType } from '../../../main/domain/sync-schema';
import { laptop } from '../../helpers/laptops';

const SQL_TYPES: Record<ColumnType, string[]> = {
  text: ['text'],
  json: ['text'],
  integer: ['integer'],
  flag: ['integer', 'boolean'],
  real: ['float', 'real'],
};

describe('the sync schema', () => {
  it('names every synced table and column the migrations make, with their types', async () => {
    const app = await laptop();
    expect(Object.keys(SYNC_SCHEMA).sort()).toEqual([...SYNCED_TABLES].sort());
    for (const table of SYNCED_TABLES) {
      const columns: { name: string; type: string; notnull: number }[] = await app.db.raw(
        `PRAGMA table_info(${table})`,
      );
      const spec = SYNC_SCHEMA[table].columns as Record<
        string,
        { type: ColumnType; nullable: boolean }
      >;
      const inDb = columns.filter((c) => c.name !== 'id');
      expect(Object.keys(spec).sort(), table).toEqual(inDb.map((c) => c.name).sort());
      for (const c of inDb) {
        const entry = spec[c.name]!;
        expect(SQL_TYPES[entry.type], `${table}.${c.name}`).toContain(c.type.toLowerCase());
        expect(entry.nullable, `${table}.${c.name} nullable`).toBe(c.notnull === 0);
      }
    }
  });

  it('refuses what the database could hold but the site never writes', () => {
    expect(checkCell('crew_shifts', 'headcount', 'lots')?.code).toBe('sync.invalid_value');
    expect(checkCell('crew_shifts', 'hours', 1e308)?.code).toBe('sync.invalid_value');
    expect(checkCell('crew_shifts', 'headcount', 12.5)?.code).toBe('sync.invalid_value');
    expect(checkCell('panels', 'code', null)?.code).toBe('sync.invalid_value');
    expect(checkCell('panels', 'code', 'x'.repeat(33))?.code).toBe('sync.invalid_value');
    expect(checkCell('crew_shifts', 'shift', 'evening')?.code).toBe('sync.invalid_value');
    expect(checkCell('crew_shifts', 'site_day', '2023-1-5')?.code).toBe('sync.invalid_value');
    expect(checkCell('conflicts', 'kept_value', '{not json')?.code).toBe('sync.invalid_value');
    expect(checkCell('panel_changes', 'changes', '[1,2]')?.code).toBe('sync.invalid_value');
    expect(checkCell('sheet_revisions', 'sheet', 'null')?.code).toBe('sync.invalid_value');
    expect(checkCell('crew_shifts', 'made_up', 1)?.code).toBe('sync.unknown_column');
    expect(checkCell('made_up', 'x', 1)?.code).toBe('sync.unknown_column');
    // Accounts never travel: the server owns them.
    expect(checkCell('users', 'role', 'manager')?.code).toBe('sync.unknown_column');
    // And what the site writes fits.
    expect(checkCell('crew_shifts', 'headcount', 14)).toBeNull();
    expect(checkCell('crew_shifts', 'foreman', null)).toBeNull();
    expect(checkCell('conflicts', 'kept_value', '"rain"')).toBeNull();
    expect(checkCell('panel_changes', 'changes', '{"design_depth_m":[60,62]}')).toBeNull();
  });
});
