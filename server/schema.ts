// The sync server's own tables, the same on SQLite and PostgreSQL. The server knows nothing of
// the app's schema: project data lives as cells, (project, table, row, column) -> value.
import type { Knex } from 'knex';
import { createSnapshotRows } from './snapshot-rows';

export interface ServerMigration {
  name: string;
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    name: '20261127100000_sync_server',
    up: async (knex) => {
      await knex.schema.createTable('meta', (t) => {
        t.string('key', 64).primary();
        t.text('value').notNullable();
      });
      await knex.schema.createTable('users', (t) => {
        t.string('id', 64).primary();
        t.string('username', 64).notNullable().unique();
        t.string('display_name', 100).notNullable();
        t.text('password_hash').notNullable();
        t.integer('is_admin').notNullable().defaultTo(0);
        t.string('created_at', 32).notNullable();
        t.string('disabled_at', 32).nullable();
      });
      // project_id '*' grants the role on every project.
      await knex.schema.createTable('memberships', (t) => {
        t.string('user_id', 64).notNullable();
        t.string('project_id', 64).notNullable();
        t.string('role', 16).notNullable();
        t.primary(['user_id', 'project_id']);
      });
      await knex.schema.createTable('devices', (t) => {
        t.string('id', 64).primary();
        t.string('user_id', 64).notNullable();
        t.string('name', 100).notNullable();
        // SHA-256 of the bearer token: the token itself is never stored.
        t.string('token_hash', 64).notNullable().unique();
        t.string('created_at', 32).notNullable();
        t.string('revoked_at', 32).nullable();
        t.string('last_seen_at', 32).nullable();
      });
      await knex.schema.createTable('changes', (t) => {
        t.bigInteger('seq').primary();
        t.string('project_id', 64).notNullable();
        t.string('client_id', 16).notNullable();
        t.bigInteger('op_id').notNullable();
        t.string('hlc', 48).notNullable();
        t.string('tbl', 63).notNullable();
        t.string('row_id', 64).notNullable();
        t.string('col', 63).notNullable();
        t.text('value').nullable();
        t.string('base_hlc', 48).nullable();
        t.string('user_id', 64).notNullable();
        t.string('received_at', 32).notNullable();
        t.unique(['client_id', 'op_id']);
        t.index(['project_id', 'seq']);
      });
      await knex.schema.createTable('cells', (t) => {
        t.string('project_id', 64).notNullable();
        t.string('tbl', 63).notNullable();
        t.string('row_id', 64).notNullable();
        t.string('col', 63).notNullable();
        t.text('value').nullable();
        t.string('hlc', 48).notNullable();
        t.bigInteger('seq').notNullable();
        t.string('client_id', 16).notNullable();
        t.string('user_id', 64).notNullable();
        t.primary(['project_id', 'tbl', 'row_id', 'col']);
        // A push looks cells up by row before it knows the row's project.
        t.index(['tbl', 'row_id', 'col']);
      });
    },
    down: async (knex) => {
      for (const table of ['cells', 'changes', 'devices', 'memberships', 'users', 'meta'])
        await knex.schema.dropTableIfExists(table);
    },
  },
  {
    // Attachments' files (issue 15): which project has which file, and on PostgreSQL the files
    // themselves, piece by piece (an upload gathers under "project/hash" until it hashes right).
    name: '20261203100000_blobs',
    up: async (knex) => {
      await knex.schema.createTable('project_blobs', (t) => {
        t.string('project_id', 64).notNullable();
        t.string('sha256', 64).notNullable();
        t.bigInteger('size').notNullable();
        t.primary(['project_id', 'sha256']);
      });
      await knex.schema.createTable('blob_files', (t) => {
        t.string('key', 140).primary();
        t.bigInteger('have').notNullable();
      });
      await knex.schema.createTable('blob_parts', (t) => {
        t.string('key', 140).notNullable();
        t.bigInteger('at').notNullable();
        t.binary('data').notNullable();
        t.primary(['key', 'at']);
      });
    },
    down: async (knex) => {
      for (const table of ['blob_parts', 'blob_files', 'project_blobs'])
        await knex.schema.dropTableIfExists(table);
    },
  },
  {
    // A fresh laptop's snapshot reads each row's cells aggregated once, at push (issue 16).
    name: '20261205100000_snapshot_rows',
    up: createSnapshotRows,
    down: async (knex) => {
      await knex.schema.dropTableIfExists('snapshot_rows');
    },
  },
  {
    // Server authority (issue 26): a device pushes under the one client id bound to it, and a
    // project exists on the server once a manager of it has published it.
    name: '20261206100000_authority',
    up: async (knex) => {
      await knex.schema.alterTable('devices', (t) => {
        t.string('client_id', 16).nullable();
        t.index(['client_id']);
        // A rotated token's predecessor stays good until the new one is first used (an answer
        // lost on the way never locks a laptop out); a token idle too long stops.
        t.string('prev_token_hash', 64).nullable();
        t.index(['prev_token_hash']);
        t.string('token_issued_at', 32).nullable();
      });
      await knex.schema.createTable('published_projects', (t) => {
        t.string('project_id', 64).primary();
        t.string('published_by', 64).notNullable();
        t.string('published_at', 32).notNullable();
      });
      // A project already on the server was published by whoever wrote its first change.
      await knex.raw(`
        INSERT INTO published_projects (project_id, published_by, published_at)
        SELECT c.project_id, c.user_id, c.received_at FROM changes c
        WHERE c.seq IN (SELECT MIN(seq) FROM changes GROUP BY project_id)`);
      // An upload under way remembers when it last grew: one abandoned for a day is removed.
      await knex.schema.alterTable('blob_files', (t) => {
        t.string('touched_at', 32).nullable();
      });
      // What each project's log holds, kept at push, for its storage quota.
      await knex.schema.createTable('project_usage', (t) => {
        t.string('project_id', 64).primary();
        t.bigInteger('bytes').notNullable();
      });
      await knex.raw(`
        INSERT INTO project_usage (project_id, bytes)
        SELECT project_id, SUM(100 + COALESCE(LENGTH(value), 4)) FROM changes GROUP BY project_id`);
      // A client id that wrote before the binding belongs to the user who wrote with it.
      await knex.schema.createTable('client_owners', (t) => {
        t.string('client_id', 16).primary();
        t.string('user_id', 64).notNullable();
      });
      await knex.raw(`
        INSERT INTO client_owners (client_id, user_id)
        SELECT client_id, MIN(user_id) FROM changes GROUP BY client_id`);
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists('client_owners');
      await knex.schema.dropTableIfExists('project_usage');
      await knex.schema.alterTable('blob_files', (t) => {
        t.dropColumn('touched_at');
      });
      await knex.schema.dropTableIfExists('published_projects');
      await knex.schema.alterTable('devices', (t) => {
        t.dropIndex(['client_id']);
        t.dropIndex(['prev_token_hash']);
        t.dropColumn('client_id');
        t.dropColumn('prev_token_hash');
        t.dropColumn('token_issued_at');
      });
    },
  },
  {
    // A write the server already holds is acknowledged without being logged again; the highest
    // op id it so acknowledged of a client, so a laptop never takes the server for one restored
    // from an older backup (seed -1207002, issue 31).
    name: '20261207100000_client_acks',
    up: async (knex) => {
      await knex.schema.createTable('client_acks', (t) => {
        t.string('project_id', 64).notNullable();
        t.string('client_id', 16).notNullable();
        t.bigInteger('last_op_id').notNullable();
        t.primary(['project_id', 'client_id']);
      });
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists('client_acks');
    },
  },
  {
    // Files no row names are collected after a retention period (issue 30): when each project got
    // each file counts as its last use when no row names it (a link made before this upgrade
    // counts from the upgrade).
    name: '20261208100000_blob_links',
    up: async (knex) => {
      await knex.schema.alterTable('project_blobs', (t) => {
        t.string('linked_at', 32).nullable();
      });
      await knex('project_blobs').update({ linked_at: new Date().toISOString() });
    },
    down: async (knex) => {
      await knex.schema.alterTable('project_blobs', (t) => {
        t.dropColumn('linked_at');
      });
    },
  },
];

/** Where knex finds the server's migrations, and the table it records them in. */
export const serverMigrations = (list: readonly ServerMigration[] = SERVER_MIGRATIONS) => ({
  tableName: 'server_migrations',
  migrationSource: {
    getMigrations: async () => [...list],
    getMigrationName: (m: ServerMigration) => m.name,
    getMigration: async (m: ServerMigration) => m,
  },
});

export async function migrateServer(knex: Knex): Promise<void> {
  await knex.migrate.latest(serverMigrations());
}
