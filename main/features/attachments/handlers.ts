import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import {
  addAttachment,
  findAttachment,
  listAttachments,
  removeAttachment,
  updateAttachment,
} from './attachment-service';
import type { attachmentsContract } from './contract';
import { attachmentFile } from './attachment-files';
import { collectLaptopFiles, fileStorage, setFileRetentionDays } from './file-collector';

export const attachmentsHandlers = ({
  store,
  blobs,
  sync,
  appInfo,
}: FeatureDeps): Handlers<typeof attachmentsContract> => ({
  'attachments:storage': async () => fileStorage(store.db, blobs),
  'attachments:set-retention': async ({ retentionDays }) => {
    await setFileRetentionDays(store.db, retentionDays);
    return fileStorage(store.db, blobs);
  },
  'attachments:collect': async () => {
    const { files, bytes, collectFiles, collectBytes } = await collectLaptopFiles(
      { db: store.db, blobs, dataDir: appInfo().dataDir },
      { now: store.now() },
    );
    return { files, bytes, collectFiles, collectBytes };
  },
  'attachments:add': async ({ dataBase64, bytes, ...input }) =>
    addAttachment(store, blobs, {
      ...input,
      bytes: bytes
        ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        : Buffer.from(dataBase64 ?? '', 'base64'),
    }),
  'attachments:list': async (filter) => listAttachments(store.db, blobs, filter),
  'attachments:update': async (input) => updateAttachment(store, blobs, input),
  'attachments:remove': async ({ attachmentId }) => {
    await removeAttachment(store, attachmentId);
    return { removed: true };
  },
  'attachments:file': async ({ attachmentId, variant }) =>
    attachmentFile(blobs, sync, await findAttachment(store.db, attachmentId), variant),
});
