import { z } from 'zod';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_OWNERS,
  attachmentOwnerSchema,
  captionSchema,
  type Attachment,
} from '../../domain/attachments';
import { siteDaySchema as day } from '../../domain/dates';
import {
  retentionDaysSchema,
  type CollectedFiles,
  type FileStorage,
} from '../../domain/file-retention';
import { idSchema } from '../../domain/ids';
import { base64Text, channel, text } from '../channel';

/** A file as the command line or a script read it, in base64 (50 MB of bytes at most). */
const dataBase64 = base64Text(Math.ceil((ATTACHMENT_LIMITS.bytes * 4) / 3) + 4);

/**
 * A file as the window read it: its bytes, which IPC carries as they are (a photo's base64 cost
 * the main process its decoding, its check and the garbage of a 13 MB string, about 40 ms).
 */
const bytes = z
  .custom<Uint8Array>(
    // Whatever realm made it (a window's, Node's Buffer): a typed array's own slots say so.
    (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]',
    'expected the file’s bytes',
  )
  .refine((b) => b.byteLength <= ATTACHMENT_LIMITS.bytes, 'larger than 50 MB');

/** One of an attachment's files, as data for the window to show or save. */
export interface AttachmentFile {
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

export const FILE_VARIANTS = ['thumb', 'preview', 'original'] as const;

export const attachmentsContract = {
  /**
   * Adds one file (the window sends a folder's files a few at a time, showing progress), given as
   * its bytes or in base64: one of the two.
   */
  'attachments:add': channel(
    z
      .object({
        projectId: idSchema,
        fileName: text(255).min(1),
        bytes: bytes.optional(),
        dataBase64: dataBase64.optional(),
        modifiedAt: z.iso.datetime({ offset: true }).optional(),
        siteDay: day.optional(),
        owner: attachmentOwnerSchema.optional(),
        panelId: idSchema.nullable().optional(),
        caption: captionSchema.optional(),
      })
      .strict()
      .refine((v) => (v.bytes === undefined) !== (v.dataBase64 === undefined), {
        message: 'give the file as bytes or as dataBase64, one of the two',
        path: ['bytes'],
      }),
  ).returns<Attachment>(),
  'attachments:list': channel(
    z
      .object({
        projectId: idSchema,
        siteDay: day.optional(),
        panelId: idSchema.optional(),
        ownerType: z.enum(ATTACHMENT_OWNERS).optional(),
        ownerId: idSchema.optional(),
      })
      .strict(),
  ).returns<Attachment[]>(),
  'attachments:update': channel(
    z
      .object({
        attachmentId: idSchema,
        caption: captionSchema.optional(),
        siteDay: day.optional(),
        owner: attachmentOwnerSchema.optional(),
        panelId: idSchema.nullable().optional(),
        inSheet: z.boolean().optional(),
      })
      .strict(),
  ).returns<Attachment>(),
  'attachments:remove': channel(z.object({ attachmentId: idSchema }).strict()).returns<{
    removed: true;
  }>(),
  /** The laptop's files: how many, their size, how long a removed photo's stay, the last clean-up. */
  'attachments:storage': channel(z.object({}).strict()).returns<FileStorage>(),
  'attachments:set-retention': channel(
    z.object({ retentionDays: retentionDaysSchema }).strict(),
  ).returns<FileStorage>(),
  /** Removes now the files no row has named for the retention (what the app does once a day). */
  'attachments:collect': channel(z.object({}).strict()).returns<CollectedFiles>(),
  /** A thumbnail, preview or original; one this laptop lacks is fetched from the server. */
  'attachments:file': channel(
    z.object({ attachmentId: idSchema, variant: z.enum(FILE_VARIANTS) }).strict(),
  ).returns<AttachmentFile>(),
};
