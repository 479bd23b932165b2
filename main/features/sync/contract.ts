import { z } from 'zod';
import type { Conflict } from '../../domain/conflicts';
import { idSchema } from '../../domain/ids';
import type { KeptAsideView, RejectedChangeView, SyncStatus } from '../../domain/sync-status';
import { channel, text } from '../channel';

const none = z.object({}).strict();

export const syncContract = {
  'sync:status': channel(none).returns<SyncStatus>(),
  'sync:connect': channel(
    z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(500),
        username: text(64).min(1),
        password: z.string().min(1).max(256),
        deviceName: text(100).min(1),
        projectId: idSchema.optional(),
        publish: z.boolean().optional(),
      })
      .strict(),
  ).returns<SyncStatus>(),
  'sync:now': channel(none).returns<SyncStatus>(),
  /** Whether this laptop keeps every photo's preview and original, or thumbnails only. */
  'sync:keep-files': channel(z.object({ keepAll: z.boolean() }).strict()).returns<SyncStatus>(),
  'sync:disconnect': channel(none).returns<SyncStatus>(),
  'sync:conflicts': channel(z.object({ projectId: idSchema }).strict()).returns<Conflict[]>(),
  'sync:rejected': channel(none).returns<RejectedChangeView[]>(),
  'sync:kept-aside': channel(none).returns<KeptAsideView[]>(),
  'sync:resolve': channel(
    z.object({ conflictId: idSchema, keep: z.enum(['kept', 'lost']) }).strict(),
  ).returns<Conflict[]>(),
};
