// What the app says about its local backups; the files themselves are db/backup.ts's business.
import { z } from 'zod';

export const BACKUP_REASONS = [
  'scheduled',
  'manual',
  'before-migration',
  'before-restore',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  name: string;
  /** Where the file is, for the user who wants to copy it elsewhere. */
  file: string;
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

/**
 * A backup's file name as the app makes them (date, time, milliseconds, reason); nothing else is
 * accepted, so no name can point outside the backups folder.
 */
export const BACKUP_NAME =
  /^haitai-(\d{8})-(\d{6})-(\d{3})-(scheduled|manual|before-migration|before-restore)\.sqlite$/;

export const backupNameSchema = z.string().regex(BACKUP_NAME, 'not a backup name');

/** Database errors a backup can repair: the app offers one instead of failing to start. */
export const RECOVERABLE_DB_ERRORS = ['db.corrupt', 'db.open_failed'] as const;
