// Adding, listing, editing and removing photos and files. A file is checked before anything is
// kept (size, what its bytes are against its name, an XLSX's ZIP directory, an image's pixels),
// its bytes go to the content-addressed store (with a thumbnail and a preview for a photo), and
// its row is written through the synced write path with the files queued for upload, all or
// nothing. The same file again is the same row (its natural key is its hash).
import type { Knex } from 'knex';
import { sha256Of, type FolderBlobStore } from '../../../db/blob-store';
import {
  findAttachmentRow,
  findOwner,
  listAttachmentRows,
  queueUploads,
  type AttachmentFilter,
  type AttachmentRow,
} from '../../../db/repositories/attachment-repository';
import { findPanel } from '../../../db/repositories/panel-repository';
import {
  ATTACHMENT_LIMITS,
  isImage,
  mediaTypeOf,
  type MediaType,
  placePhoto,
  wallClockIn,
  type Attachment,
  type AttachmentOwnerRef,
  type Placement,
  type Refusal,
} from '../../domain/attachments';
import { assertNotFuture, nextDay, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { naturalId } from '../../domain/natural-keys';
import { zipProblem } from '../../domain/zip-bounds';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import { ImageRefused, readImage, type ImageFacts } from './image';

export interface NewAttachment {
  projectId: string;
  fileName: string;
  bytes: Buffer;
  /** The file's modification time (ISO), for a photo without EXIF. */
  modifiedAt?: string | undefined;
  /** The site day, when the user gives it; else EXIF's, else the file's time. */
  siteDay?: string | undefined;
  owner?: AttachmentOwnerRef | undefined;
  panelId?: string | null | undefined;
  caption?: string | undefined;
}

const refuse = (file: string, why: Refusal) =>
  new AppError('attachment.refused', { file, reason: why.text, refusal: why.key, ...why.params });

/** Adds the row's local state: which of its files this laptop holds. */
export async function withLocal(blobs: FolderBlobStore, row: AttachmentRow): Promise<Attachment> {
  const [original, thumb, preview] = await Promise.all([
    blobs.has(row.sha256),
    row.thumbSha256 ? blobs.has(row.thumbSha256) : false,
    row.previewSha256 ? blobs.has(row.previewSha256) : false,
  ]);
  return { ...row, local: { original, thumb, preview } };
}

/** The owner's panel, after checking the owner and panel are live rows of the project. */
async function checkPlace(db: Knex, input: NewAttachment | UpdateInput, projectId: string) {
  let panelId = input.panelId ?? null;
  const owner = input.owner;
  if (owner && owner.type !== 'site_day') {
    const row = await findOwner(db, owner.type, owner.id!);
    if (!row || row.projectId !== projectId)
      throw new AppError('not_found', { entity: owner.type, id: owner.id });
    panelId = row.panelId ?? panelId;
  }
  if (panelId) {
    const panel = await findPanel(db, panelId);
    if (!panel || panel.projectId !== projectId)
      throw new AppError('not_found', { entity: 'panel', id: panelId });
  }
  return panelId;
}

/** A file's type, checked on its bytes without decoding them; refused with the reason otherwise. */
function checkFile(input: NewAttachment): MediaType {
  const { fileName, bytes } = input;
  const mb = ATTACHMENT_LIMITS.bytes / 1048576;
  if (bytes.length > ATTACHMENT_LIMITS.bytes)
    throw refuse(fileName, { key: 'tooLarge', params: { mb }, text: `it is larger than ${mb} MB` });
  if (bytes.length === 0) throw refuse(fileName, { key: 'empty', params: {}, text: 'it is empty' });
  const found = mediaTypeOf(fileName, bytes);
  if (typeof found !== 'string') throw refuse(fileName, found);
  const mediaType = found;
  if (mediaType.endsWith('.sheet')) {
    const problem = zipProblem(bytes, {
      entries: ATTACHMENT_LIMITS.zipEntries,
      uncompressedBytes: ATTACHMENT_LIMITS.zipUnpackedBytes,
    });
    if (problem) throw refuse(fileName, { key: 'badSheet', params: { problem }, text: problem });
  }
  return mediaType;
}

/** A photo's facts and smaller copies; null for a file that is no image. */
async function imageOf(input: NewAttachment, mediaType: MediaType): Promise<ImageFacts | null> {
  if (!isImage(mediaType)) return null;
  try {
    return await readImage(input.bytes, mediaType);
  } catch (error) {
    if (error instanceof ImageRefused) throw refuse(input.fileName, error.refusal);
    throw error;
  }
}

function placementOf(
  input: NewAttachment,
  image: ImageFacts | null,
  now: Date,
  timeZone: string,
): Placement {
  const fileTime = input.modifiedAt ? new Date(input.modifiedAt) : now;
  const found = placePhoto(image?.exif ?? { wallClock: null, offset: null }, fileTime, timeZone);
  if (!input.siteDay) return found;
  const takenAt =
    found.siteDay === input.siteDay
      ? found.takenAt
      : `${input.siteDay}T${wallClockIn(now, timeZone).slice(11)}`;
  return { takenAt, siteDay: input.siteDay, takenFrom: 'given' };
}

export async function addAttachment(
  store: Store,
  blobs: FolderBlobStore,
  input: NewAttachment,
): Promise<Attachment> {
  const project = await getProject(store.db, input.projectId);
  const panelId = await checkPlace(store.db, input, project.id);
  const mediaType = checkFile(input);
  const now = store.now();
  const today = siteDayOf(now, project.timezone);
  // A day the user gave is checked like any day they type; a day found in the file is the file's.
  if (input.siteDay) assertNotFuture(input.siteDay, today);
  const sha256 = sha256Of(input.bytes);
  const id = naturalId(project.id, 'attachments', [sha256]);
  const existing = await findAttachmentRow(store.db, id, true);
  // The same file again (a camera folder imported twice) is known by its hash before it is
  // decoded: the row there is kept (its caption, place and author), its original stored here if
  // this laptop lacked it, and a photo not yet hung on anything takes the place it is added to.
  if (existing && !existing.deleted) {
    await blobs.put(input.bytes, sha256);
    const unplaced = existing.ownerType === 'site_day' && !existing.panelId;
    if (!unplaced || !(input.owner || panelId)) return withLocal(blobs, existing);
    return updateAttachment(store, blobs, {
      attachmentId: existing.id,
      owner: input.owner,
      panelId,
      caption: existing.caption || input.caption,
    });
  }
  const image = await imageOf(input, mediaType);
  const place = placementOf(input, image, now, project.timezone);
  if (place.takenFrom !== 'given' && place.siteDay > nextDay(today))
    throw refuse(input.fileName, {
      key: place.takenFrom === 'exif' ? 'afterTomorrowByCamera' : 'afterTomorrowByFile',
      params: { takenOn: place.siteDay },
      text: `it was taken on ${place.siteDay} by its ${place.takenFrom === 'exif' ? 'camera clock' : 'file time'}, after tomorrow; give the day it belongs to`,
    });
  // Three files, each synced to disk before the row names it: written side by side.
  const [, thumb, preview] = await Promise.all([
    blobs.put(input.bytes, sha256),
    image ? blobs.put(image.thumb) : null,
    image ? blobs.put(image.preview) : null,
  ]);
  const owner = input.owner ?? { type: 'site_day' as const, id: null };
  await store.write(async (w) => {
    await w.upsert(
      'attachments',
      { project_id: project.id, sha256 },
      {
        file_name: input.fileName.slice(0, 255),
        media_type: mediaType,
        bytes: input.bytes.length,
        width: image?.width ?? null,
        height: image?.height ?? null,
        site_day: place.siteDay,
        taken_at: place.takenAt,
        taken_from: place.takenFrom,
        owner_type: owner.type,
        owner_id: owner.id,
        panel_id: panelId,
        caption: input.caption ?? '',
        gps_lat: image?.gps?.lat ?? null,
        gps_lon: image?.gps?.lon ?? null,
        thumb_sha256: thumb,
        preview_sha256: preview,
        in_sheet: 1,
        added_by: store.identity.userName,
        added_at: w.at,
      },
    );
    await queueUploads(
      w.trx,
      project.id,
      [sha256, thumb, preview].filter((h): h is string => !!h),
      w.at,
    );
  });
  return withLocal(blobs, (await findAttachmentRow(store.db, id))!);
}

export async function listAttachments(
  db: Knex,
  blobs: FolderBlobStore,
  filter: AttachmentFilter,
): Promise<Attachment[]> {
  await getProject(db, filter.projectId);
  const rows = await listAttachmentRows(db, filter);
  return Promise.all(rows.map((r) => withLocal(blobs, r)));
}

export interface UpdateInput {
  attachmentId: string;
  caption?: string | undefined;
  siteDay?: string | undefined;
  owner?: AttachmentOwnerRef | undefined;
  panelId?: string | null | undefined;
  inSheet?: boolean | undefined;
}

async function liveRow(db: Knex, attachmentId: string) {
  const row = await findAttachmentRow(db, attachmentId);
  if (!row) throw new AppError('not_found', { entity: 'attachment', id: attachmentId });
  return row;
}

export async function updateAttachment(
  store: Store,
  blobs: FolderBlobStore,
  input: UpdateInput,
): Promise<Attachment> {
  const row = await liveRow(store.db, input.attachmentId);
  const project = await getProject(store.db, row.projectId);
  const changes: Record<string, string | number | null> = {};
  if (input.caption !== undefined) changes.caption = input.caption;
  if (input.inSheet !== undefined) changes.in_sheet = input.inSheet ? 1 : 0;
  if (input.siteDay !== undefined && input.siteDay !== row.siteDay) {
    assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
    changes.site_day = input.siteDay;
    changes.taken_at = `${input.siteDay}${row.takenAt.slice(10)}`;
    changes.taken_from = 'given';
  }
  if (input.owner !== undefined || input.panelId !== undefined) {
    const panelId = await checkPlace(store.db, input, project.id);
    if (input.owner) {
      changes.owner_type = input.owner.type;
      changes.owner_id = input.owner.id;
    }
    changes.panel_id = panelId;
  }
  await store.write((w) => w.update('attachments', row.id, changes));
  return withLocal(blobs, await liveRow(store.db, row.id));
}

/** Takes an attachment off (a tombstone, synced); its files stay until nothing names them. */
export async function removeAttachment(store: Store, attachmentId: string): Promise<void> {
  const row = await liveRow(store.db, attachmentId);
  await store.write((w) => w.tombstone('attachments', row.id));
}

export { liveRow as findAttachment };
