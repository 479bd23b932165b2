// Attachments' files travel apart from the rows, in a lane of their own, so a folder of photos
// never holds up the data sync. Up: every file this laptop queued, in 1 MB pieces, resuming where
// the server says it stopped, and skipped when the server already has it for the project. Down:
// the thumbnails of every attachment at once, the previews and originals when opened (or all of
// them on a laptop set to keep everything); a download resumes from the bytes already here, and a
// file is kept only when its bytes hash to its name.
import type { Knex } from 'knex';
import type { FolderBlobStore } from '../../db/blob-store';
import {
  attachmentHashes,
  countPendingUploads,
  pendingUploads,
  uploadDone,
} from '../../db/repositories/attachment-repository';
import { getSetting } from '../../db/repositories/settings-repository';
import { ATTACHMENT_LIMITS } from '../domain/attachments';
import { AppError, type SerializedAppError } from '../domain/errors';
import type { FilesStatus } from '../domain/sync-status';
import type { SyncHttp } from './http-client';
import { SYNC_KEYS } from './settings-keys';

/** The size of one upload piece. */
export const PIECE_BYTES = 1024 * 1024;

interface LaneDeps {
  db: Knex;
  blobs: FolderBlobStore;
  changed: () => void;
  log: (message: string, error?: unknown) => void;
}

const blobPath = (projectId: string, sha256: string) => `/projects/${projectId}/blobs/${sha256}`;

export class FileTransfers {
  private running: Promise<void> | null = null;
  private again = false;
  /** Set by halt(): the pass stops after the piece or file under way (the app is closing). */
  private halted = false;
  private transfer: FilesStatus['transfer'] = null;
  private error: SerializedAppError | null = null;

  constructor(private readonly deps: LaneDeps) {}

  async status(projectId: string | null): Promise<FilesStatus> {
    return {
      pendingUploads: projectId ? await countPendingUploads(this.deps.db, projectId) : 0,
      keepAll: (await getSetting(this.deps.db, SYNC_KEYS.keepAllFiles)) === '1',
      transfer: this.transfer,
      error: this.error,
    };
  }

  /** Starts a pass (or another after the one under way); never waits for it. */
  kick(http: () => Promise<SyncHttp>, projectId: string): void {
    this.halted = false;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const client = await http();
          await this.upload(client, projectId);
          await this.download(client, projectId);
        } while (this.again && !this.halted);
        this.error = null;
      } catch (error) {
        this.error = (
          error instanceof AppError ? error : new AppError('internal', { reason: String(error) })
        ).toJSON();
        this.deps.log('file transfer stopped', error);
      } finally {
        this.transfer = null;
        this.running = null;
        this.deps.changed();
      }
    })();
  }

  /** Ends the pass under way after its current piece or file; what is left waits for the next. */
  halt(): void {
    this.halted = true;
    this.again = false;
  }

  /** Waits for the pass under way, if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private report(direction: 'up' | 'down', done: number, total: number, bytes: number) {
    this.transfer = { direction, done, total, bytes };
    this.deps.changed();
  }

  private async upload(http: SyncHttp, projectId: string): Promise<void> {
    const { db, blobs } = this.deps;
    const queue = await pendingUploads(db, projectId);
    let bytes = 0;
    for (const [i, sha256] of queue.entries()) {
      if (this.halted) return;
      this.report('up', i, queue.length, bytes);
      const size = await blobs.size(sha256);
      if (size === null) {
        // Queued, then lost from this laptop (a restore): nothing left to send.
        this.deps.log(`file ${sha256} is no longer here; not uploaded`);
        await uploadDone(db, sha256);
        continue;
      }
      const status = await http.request<{ have: number; complete: boolean }>(
        'GET',
        `${blobPath(projectId, sha256)}/status`,
      );
      let offset = status.complete ? size : status.have;
      while (offset < size) {
        if (this.halted) return;
        const piece = await blobs.readRange(sha256, offset, Math.min(size, offset + PIECE_BYTES));
        try {
          const response = await http.binary(
            'PUT',
            `${blobPath(projectId, sha256)}?offset=${offset}&size=${size}`,
            piece,
          );
          offset = ((await response.json()) as { have: number }).have;
        } catch (error) {
          // The server has a different amount (another laptop's upload of the same photo).
          if (!(error instanceof AppError && error.code === 'blob.offset')) throw error;
          offset = Number(error.details.have);
        }
        bytes += piece.length;
        this.report('up', i, queue.length, bytes);
      }
      await uploadDone(db, sha256);
    }
  }

  private async download(http: SyncHttp, projectId: string): Promise<void> {
    const { db, blobs } = this.deps;
    const keepAll = (await getSetting(db, SYNC_KEYS.keepAllFiles)) === '1';
    const wanted = new Set<string>();
    for (const h of await attachmentHashes(db, projectId)) {
      if (h.thumb) wanted.add(h.thumb);
      if (keepAll) for (const x of [h.preview, h.sha256]) if (x) wanted.add(x);
    }
    const missing: string[] = [];
    for (const sha256 of wanted) if (!(await blobs.has(sha256))) missing.push(sha256);
    let bytes = 0;
    for (const [i, sha256] of missing.entries()) {
      if (this.halted) return;
      this.report('down', i, missing.length, bytes);
      try {
        bytes += await fetchBlob(http, blobs, projectId, sha256);
      } catch (error) {
        // Not uploaded yet by the laptop that added it: the next pass tries again.
        if (error instanceof AppError && error.code === 'blob.missing') continue;
        throw error;
      }
    }
  }
}

/** Downloads under way, so a photo opened while the lane fetches it waits for that download. */
const inFlight = new Map<string, Promise<number>>();

/**
 * Downloads one file into the store, resuming from a partial copy; returns the bytes fetched.
 * A file whose bytes do not hash to its name is thrown away and refused.
 */
export function fetchBlob(
  http: SyncHttp,
  blobs: FolderBlobStore,
  projectId: string,
  sha256: string,
): Promise<number> {
  const key = blobs.pathOf(sha256);
  let download = inFlight.get(key);
  if (!download) {
    download = downloadOnce(http, blobs, projectId, sha256).finally(() => inFlight.delete(key));
    inFlight.set(key, download);
  }
  return download;
}

async function downloadOnce(
  http: SyncHttp,
  blobs: FolderBlobStore,
  projectId: string,
  sha256: string,
): Promise<number> {
  if (await blobs.has(sha256)) return 0;
  let start = await blobs.partialSize(sha256);
  const response = await http.binary(
    'GET',
    blobPath(projectId, sha256),
    undefined,
    start > 0 ? { range: `bytes=${start}-` } : {},
  );
  // The size the server announces bounds what is written: a server that says nothing sensible,
  // or keeps sending past it, is cut off before it can fill the disk.
  const size = Number(response.headers.get('x-blob-size'));
  if (!Number.isSafeInteger(size) || size < 1 || size > ATTACHMENT_LIMITS.bytes) {
    await response.body?.cancel().catch(() => {});
    throw new AppError('blob.mismatch', { sha256 });
  }
  if (response.status !== 206 && start > 0) {
    await blobs.remove(sha256);
    start = 0;
  }
  let offset = start;
  // Written a megabyte at a time: a dropped connection keeps what arrived, without a sync per packet.
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  const flush = async () => {
    if (!heldBytes) return;
    const next = await blobs.append(sha256, offset, Buffer.concat(held));
    if (next === null) throw new AppError('blob.offset', { sha256, have: offset });
    offset = next;
    held = [];
    heldBytes = 0;
  };
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (offset + heldBytes + value.length > size) {
          await reader.cancel().catch(() => {});
          held = [];
          heldBytes = 0;
          await blobs.remove(sha256);
          throw new AppError('blob.mismatch', { sha256 });
        }
        held.push(value);
        heldBytes += value.length;
        if (heldBytes >= PIECE_BYTES) await flush();
      }
    } catch (error) {
      await flush();
      if (error instanceof AppError) throw error;
      throw new AppError('sync.unreachable', { url: http.baseUrl, reason: String(error) });
    }
  }
  await flush();
  const result = await blobs.complete(sha256, size);
  if (result === 'mismatch') throw new AppError('blob.mismatch', { sha256 });
  if (result === 'short')
    throw new AppError('sync.unreachable', { url: http.baseUrl, reason: 'the download stopped' });
  return offset - start;
}
