// What the app says about its local backups; the files themselves are db/backup.ts's business.
import { z } from 'zod';

export interface BackupInfo {
  name: string;
  /** Where the file is, for the user who wants to copy it elsewhere. */
  file: string;
  createdAt: string;
  reason: 'scheduled' | 'manual' | 'before-migration' | 'before-restore';
  sizeBytes: number;
}

/** A backup's file name as the app makes them; nothing else is accepted (no paths). */
export const backupNameSchema = z
  .string()
  .regex(
    /^haitai-\d{8}-\d{6}-\d{3}-(scheduled|manual|before-migration|before-restore)\.sqlite$/,
    'not a backup name',
  );

/** Database errors a backup can repair: the app offers one instead of failing to start. */
export const RECOVERABLE_DB_ERRORS = ['db.corrupt', 'db.open_failed'] as const;
