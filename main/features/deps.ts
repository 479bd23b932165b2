// What the composition root (main/app) hands every feature's handlers.
import type { FolderBlobStore } from '../../db/blob-store';
import type { BackupInfo } from '../domain/backups';
import type { PdfEngine } from '../export/pdf';
import type { SyncEngine } from '../sync/engine';
import type { Store } from '../sync/store';
import type { AppInfo } from './app-info/contract';

export interface FeatureDeps {
  store: Store;
  /** Attachments' files, content-addressed, beside the database. */
  blobs: FolderBlobStore;
  sync: SyncEngine;
  appInfo: () => AppInfo;
  /** Turns sheet HTML into PDF: Electron's printToPDF in the app, Chromium elsewhere. */
  pdfEngine?: PdfEngine | undefined;
  backups: {
    list: () => Promise<BackupInfo[]>;
    create: () => Promise<BackupInfo>;
    restore: (name: string) => Promise<{ restored: string; keptAside: string }>;
  };
}
