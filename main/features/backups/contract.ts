import { z } from 'zod';
import { backupNameSchema, type BackupInfo } from '../../domain/backups';
import { channel } from '../channel';

export const backupsContract = {
  'backups:list': channel(z.object({}).strict()).returns<BackupInfo[]>(),
  'backups:create': channel(z.object({}).strict()).returns<BackupInfo>(),
  'backups:restore': channel(z.object({ name: backupNameSchema }).strict()).returns<{
    restored: string;
    keptAside: string;
  }>(),
};
