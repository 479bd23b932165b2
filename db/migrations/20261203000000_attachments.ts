import type { Knex } from 'knex';
import { synced } from './synced-columns';

// Attachments (issue 15): a photo's or file's metadata is a synced row, one per file per project
// (natural key: the SHA-256 of its bytes), so two laptops adding the same photo make one row. The
// bytes live beside the database, content-addressed (db/blob-store.ts), never in it. Which files
// the server has yet to confirm is this laptop's own business: pending_uploads is never synced.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    synced(t);
    t.text('project_id').notNullable();
    t.text('sha256').notNullable();
    t.text('file_name').notNullable();
    t.text('media_type').notNullable();
    t.integer('bytes').notNullable();
    t.integer('width').nullable();
    t.integer('height').nullable();
    t.text('site_day').notNullable();
    /** The project's wall clock, "2023-01-27T10:15:00". */
    t.text('taken_at').notNullable();
    /** 'exif', 'file' or 'given'. */
    t.text('taken_from').notNullable();
    /** 'site_day', 'stage_event', 'machine_shift' or 'milestone'. */
    t.text('owner_type').notNullable().defaultTo('site_day');
    t.text('owner_id').nullable();
    t.text('panel_id').nullable();
    t.text('caption').notNullable().defaultTo('');
    t.double('gps_lat').nullable();
    t.double('gps_lon').nullable();
    t.text('thumb_sha256').nullable();
    t.text('preview_sha256').nullable();
    t.integer('in_sheet').notNullable().defaultTo(1);
    t.text('added_by').notNullable();
    t.text('added_at').notNullable();
    t.index(['project_id', 'site_day']);
    t.index(['project_id', 'panel_id']);
  });
  await knex.schema.createTable('pending_uploads', (t) => {
    t.text('sha256').primary();
    t.text('project_id').notNullable();
    t.text('queued_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('pending_uploads');
  await knex.schema.dropTableIfExists('attachments');
}
