// One of an attachment's files for the window: the thumbnail, the preview or the original. A file
// this laptop lacks (another laptop's photo) is fetched from the server on demand.
import type { FolderBlobStore } from '../../../db/blob-store';
import type { AttachmentRow } from '../../../db/repositories/attachment-repository';
import { AppError } from '../../domain/errors';
import type { SyncEngine } from '../../sync/engine';
import type { AttachmentFile } from './contract';

export type FileVariant = 'thumb' | 'preview' | 'original';

/** The hash of a variant; a file without a thumbnail or preview (a PDF) has only its original. */
export function variantHash(row: AttachmentRow, variant: FileVariant): string {
  if (variant === 'thumb' && row.thumbSha256) return row.thumbSha256;
  if (variant === 'preview' && row.previewSha256) return row.previewSha256;
  return row.sha256;
}

export async function attachmentFile(
  blobs: FolderBlobStore,
  sync: SyncEngine,
  row: AttachmentRow,
  variant: FileVariant,
): Promise<AttachmentFile> {
  const sha256 = variantHash(row, variant);
  let bytes = await blobs.read(sha256);
  if (!bytes) {
    await sync.fetchFile(row.projectId, sha256);
    bytes = await blobs.read(sha256);
  }
  if (!bytes) throw new AppError('blob.missing', { sha256 });
  const original = sha256 === row.sha256;
  return {
    fileName: original ? row.fileName : `${row.fileName.replace(/\.[^.]*$/, '')}-${variant}.jpg`,
    mediaType: original ? row.mediaType : 'image/jpeg',
    dataBase64: bytes.toString('base64'),
  };
}
