// Attachments' rows, and the files this laptop has yet to hand to the server.
import type { Knex } from 'knex';
import type { Attachment, AttachmentOwner, TakenFrom } from '../../main/domain/attachments';

type DbRow = Record<string, unknown>;

/** An attachment's row; which of its files are here is the blob store's to say. */
export type AttachmentRow = Omit<Attachment, 'local'>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toAttachment = (r: DbRow): AttachmentRow => ({
  id: r.id as string,
  projectId: r.project_id as string,
  sha256: r.sha256 as string,
  fileName: r.file_name as string,
  mediaType: r.media_type as string,
  bytes: Number(r.bytes),
  width: num(r.width),
  height: num(r.height),
  siteDay: r.site_day as string,
  takenAt: r.taken_at as string,
  takenFrom: r.taken_from as TakenFrom,
  ownerType: r.owner_type as AttachmentOwner,
  ownerId: (r.owner_id as string | null) ?? null,
  panelId: (r.panel_id as string | null) ?? null,
  caption: (r.caption as string | null) ?? '',
  gpsLat: num(r.gps_lat),
  gpsLon: num(r.gps_lon),
  thumbSha256: (r.thumb_sha256 as string | null) ?? null,
  previewSha256: (r.preview_sha256 as string | null) ?? null,
  inSheet: Boolean(r.in_sheet),
  addedBy: r.added_by as string,
  addedAt: r.added_at as string,
});

export interface AttachmentFilter {
  projectId: string;
  siteDay?: string | undefined;
  panelId?: string | undefined;
  ownerType?: AttachmentOwner | undefined;
  ownerId?: string | undefined;
}

/** Live attachments matching the filter, in the order they were taken. */
export async function listAttachmentRows(db: Knex, f: AttachmentFilter): Promise<AttachmentRow[]> {
  const q = db('attachments').where({ project_id: f.projectId }).whereNull('deleted_at');
  if (f.siteDay) q.where({ site_day: f.siteDay });
  if (f.panelId) q.where({ panel_id: f.panelId });
  if (f.ownerType) q.where({ owner_type: f.ownerType });
  if (f.ownerId) q.where({ owner_id: f.ownerId });
  const rows: DbRow[] = await q.orderBy(['taken_at', 'file_name']);
  return rows.map(toAttachment);
}

/** An attachment by id; tombstoned ones too when `withDeleted`. */
export async function findAttachmentRow(
  db: Knex,
  id: string,
  withDeleted = false,
): Promise<(AttachmentRow & { deleted: boolean }) | null> {
  const q = db('attachments').where({ id });
  if (!withDeleted) q.whereNull('deleted_at');
  const row = (await q.first()) as DbRow | undefined;
  return row ? { ...toAttachment(row), deleted: row.deleted_at !== null } : null;
}

/** Every file the project's live attachments name (originals, thumbnails, previews). */
export async function attachmentHashes(
  db: Knex,
  projectId: string,
): Promise<{ sha256: string; thumb: string | null; preview: string | null }[]> {
  const rows: DbRow[] = await db('attachments')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .select('sha256', 'thumb_sha256', 'preview_sha256');
  return rows.map((r) => ({
    sha256: r.sha256 as string,
    thumb: (r.thumb_sha256 as string | null) ?? null,
    preview: (r.preview_sha256 as string | null) ?? null,
  }));
}

/**
 * Every file the laptop's attachments name, in every project, removed rows included: whether the
 * row is live and when it last changed (its removal), for the file collector.
 */
export async function attachmentFileUses(
  db: Knex,
): Promise<{ sha256: string; live: boolean; changedAt: string }[]> {
  const rows: DbRow[] = await db('attachments').select(
    'sha256',
    'thumb_sha256',
    'preview_sha256',
    'deleted_at',
    'updated_at',
  );
  return rows.flatMap((r) =>
    [r.sha256, r.thumb_sha256, r.preview_sha256]
      .filter((h): h is string => typeof h === 'string')
      .map((sha256) => ({
        sha256,
        live: r.deleted_at === null,
        changedAt: [String(r.updated_at), String(r.deleted_at ?? '')].sort()[1]!,
      })),
  );
}

export async function queueUploads(
  trx: Knex | Knex.Transaction,
  projectId: string,
  hashes: readonly string[],
  at: string,
): Promise<void> {
  if (!hashes.length) return;
  await trx('pending_uploads')
    .insert(hashes.map((sha256) => ({ sha256, project_id: projectId, queued_at: at })))
    .onConflict('sha256')
    .ignore();
}

export async function pendingUploads(db: Knex, projectId: string): Promise<string[]> {
  const rows: DbRow[] = await db('pending_uploads')
    .where({ project_id: projectId })
    .orderByRaw('queued_at, rowid')
    .select('sha256');
  return rows.map((r) => r.sha256 as string);
}

export async function countPendingUploads(db: Knex, projectId: string): Promise<number> {
  const row = await db('pending_uploads')
    .where({ project_id: projectId })
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

export async function uploadDone(db: Knex, sha256: string): Promise<void> {
  await db('pending_uploads').where({ sha256 }).delete();
}

const OWNER_TABLES = {
  stage_event: 'panel_stage_events',
  machine_shift: 'machine_shifts',
  milestone: 'milestones',
} as const;

/** The live row an attachment would hang on: its project, and its panel for a stage event. */
export async function findOwner(
  db: Knex,
  type: Exclude<AttachmentOwner, 'site_day'>,
  id: string,
): Promise<{ projectId: string; panelId: string | null } | null> {
  const table = OWNER_TABLES[type];
  const columns = type === 'stage_event' ? ['project_id', 'panel_id'] : ['project_id'];
  const row = (await db(table).where({ id }).whereNull('deleted_at').first(columns)) as
    DbRow | undefined;
  if (!row) return null;
  return { projectId: row.project_id as string, panelId: (row.panel_id as string) ?? null };
}

/** The day's attachments chosen for the sheet, with their panel's code and their event's stage. */
export async function sheetAttachmentRows(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<(AttachmentRow & { panelCode: string | null; stage: string | null })[]> {
  const rows: DbRow[] = await db('attachments as a')
    .leftJoin('panels as p', 'p.id', 'a.panel_id')
    .leftJoin('panel_stage_events as e', function () {
      this.on('e.id', '=', 'a.owner_id').andOnVal('a.owner_type', '=', 'stage_event');
    })
    .where({ 'a.project_id': projectId, 'a.site_day': siteDay, 'a.in_sheet': 1 })
    .whereNull('a.deleted_at')
    .orderBy(['a.taken_at', 'a.file_name'])
    .select('a.*', 'p.code as panel_code', 'e.stage as event_stage');
  return rows.map((r) => ({
    ...toAttachment(r),
    panelCode: (r.panel_code as string | null) ?? null,
    stage: (r.event_stage as string | null) ?? null,
  }));
}
