// Migrations are imported as modules, not globbed from a directory, so they load from inside the
// packaged app's asar and from a bundle (DESIGN.md, known pitfalls).
import type { Knex } from 'knex';
import * as m20261127000000 from './20261127000000_foundation';
import * as m20261127010000 from './20261127010000_site_data';
import * as m20261127020000 from './20261127020000_sync';
import * as m20261127030000 from './20261127030000_sheet_revisions';
import * as m20261128000000 from './20261128000000_schedule';
import * as m20261129000000 from './20261129000000_natural_keys';
import * as m20261130000000 from './20261130000000_project_setup';
import * as m20261201000000 from './20261201000000_schedule_import';
import * as m20261202000000 from './20261202000000_site_resources';
import * as m20261203000000 from './20261203000000_attachments';
import * as m20261207000000 from './20261207000000_authors';
import * as m20261208000000 from './20261208000000_natural_panel_keys';
import * as m20261209000000 from './20261209000000_acceptances';
import * as m20261210000000 from './20261210000000_inspections';

interface Migration {
  name: string;
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '20261127000000_foundation', ...m20261127000000 },
  { name: '20261127010000_site_data', ...m20261127010000 },
  { name: '20261127020000_sync', ...m20261127020000 },
  { name: '20261127030000_sheet_revisions', ...m20261127030000 },
  { name: '20261128000000_schedule', ...m20261128000000 },
  { name: '20261129000000_natural_keys', ...m20261129000000 },
  { name: '20261130000000_project_setup', ...m20261130000000 },
  { name: '20261201000000_schedule_import', ...m20261201000000 },
  { name: '20261202000000_site_resources', ...m20261202000000 },
  { name: '20261203000000_attachments', ...m20261203000000 },
  { name: '20261207000000_authors', ...m20261207000000 },
  { name: '20261208000000_natural_panel_keys', ...m20261208000000 },
  { name: '20261209000000_acceptances', ...m20261209000000 },
  { name: '20261210000000_inspections', ...m20261210000000 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.name;

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};
