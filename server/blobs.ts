// Attachments' files on the server, by their SHA-256. A file arrives in pieces (a resumable
// upload), is accepted only when its bytes hash to its name, and then belongs to the project it
// was uploaded to: a project reads only the files uploaded to it, even when another project's
// upload already put the same bytes here (so a hash alone never opens another project's photo).
//
// Where the bytes live: the SQLite server keeps them in its data folder (FolderBlobStore); the
// PostgreSQL server keeps them in PostgreSQL, piece by piece, so every server process behind one
// database serves the same files, or in a folder it is given (a shared mount).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { CompleteResult, FolderBlobStore } from '../db/blob-store';
import { dialectOf } from './snapshot-rows';

export interface BlobStatus {
  /** Bytes the server holds of an upload under way (all of them once complete). */
  have: number;
  complete: boolean;
}

export interface ServerBlobs {
  status(projectId: string, sha256: string): Promise<BlobStatus>;
  /** Appends a piece at `offset`; the new size, or null when `offset` is not where it ends. */
  append(projectId: string, sha256: string, offset: number, piece: Buffer): Promise<number | null>;
  /** Checks the pieces against the hash; a match is stored and joins the project. */
  complete(projectId: string, sha256: string, size: number): Promise<CompleteResult>;
  /** The size of a file the project has, or null. */
  size(projectId: string, sha256: string): Promise<number | null>;
  /** Bytes [start, end) of a stored file, as they are read: never the whole file in memory. */
  read(sha256: string, start: number, end: number): Readable;
  /** Removes uploads untouched for `olderThanMs` that never completed; returns how many. */
  removeAbandoned(olderThanMs: number): Promise<number>;
  /**
   * Removes a stored file that no project has (any more), unless a project gets it again
   * meanwhile or it was written at or after `storedBefore` (the wall clock's ms); true if removed.
   */
  removeUnlinked(sha256: string, storedBefore: number): Promise<boolean>;
  /** Stored files no project holds. */
  unlinkedFiles(): Promise<{ sha256: string; bytes: number }[]>;
}

/** Of the hashes given, those no project holds. */
async function withoutLinks(knex: Knex, hashes: string[]): Promise<Set<string>> {
  const out = new Set(hashes);
  for (let i = 0; i < hashes.length; i += 500) {
    const held = (await knex('project_blobs')
      .whereIn('sha256', hashes.slice(i, i + 500))
      .distinct()
      .pluck('sha256')) as string[];
    for (const h of held) out.delete(h);
  }
  return out;
}

/** An upload untouched this long is abandoned and removed. */
export const ABANDONED_UPLOAD_MS = 24 * 3600_000;

/** The most one piece may hold. */
export const MAX_PIECE = 4 * 1024 * 1024;

const linked = async (knex: Knex, projectId: string, sha256: string) =>
  (await knex('project_blobs').where({ project_id: projectId, sha256 }).first('size')) as
    { size: number | string } | undefined;

const link = (
  knex: Knex | Knex.Transaction,
  projectId: string,
  sha256: string,
  size: number,
  now: () => number,
) =>
  knex('project_blobs')
    .insert({ project_id: projectId, sha256, size, linked_at: new Date(now()).toISOString() })
    .onConflict(['project_id', 'sha256'])
    .ignore();

/** Files in a folder (the SQLite server's data folder, or a folder given to PostgreSQL). */
export function folderServerBlobs(
  knex: Knex,
  folder: FolderBlobStore,
  now: () => number = Date.now,
): ServerBlobs {
  return {
    async status(projectId, sha256) {
      const row = await linked(knex, projectId, sha256);
      if (row && (await folder.has(sha256))) return { have: Number(row.size), complete: true };
      return { have: await folder.partialSize(sha256, projectId), complete: false };
    },
    // Each project's upload grows in a lane of its own: never seen or broken from another.
    append: (projectId, sha256, offset, piece) => folder.append(sha256, offset, piece, projectId),
    async complete(projectId, sha256, size) {
      const result = await folder.complete(sha256, size, projectId);
      if (result === 'stored') await link(knex, projectId, sha256, size, now);
      return result;
    },
    async size(projectId, sha256) {
      const row = await linked(knex, projectId, sha256);
      return row && (await folder.has(sha256)) ? Number(row.size) : null;
    },
    read: (sha256, start, end) => folder.streamRange(sha256, start, end),
    removeAbandoned: (olderThanMs) => folder.removeStaleParts(olderThanMs),
    async removeUnlinked(sha256, storedBefore) {
      if (await knex('project_blobs').where({ sha256 }).first('sha256')) return false;
      // An upload of the same bytes completing meanwhile renames a fresh file into place, which
      // the store puts back rather than removes.
      return folder.collect({ sha256, name: sha256 }, storedBefore);
    },
    async unlinkedFiles() {
      const stored = new Map<string, number>();
      for await (const e of folder.entries()) if (!e.part) stored.set(e.sha256, e.bytes);
      const orphans = await withoutLinks(knex, [...stored.keys()]);
      return [...orphans].map((sha256) => ({ sha256, bytes: stored.get(sha256)! }));
    },
  };
}

/** The SHA-256 of the pieces stored under a key, read eight at a time. */
async function hashOfParts(knex: Knex, key: string): Promise<string> {
  const hash = createHash('sha256');
  let at = 0;
  for (;;) {
    const parts = (await knex('blob_parts')
      .where({ key })
      .where('at', '>=', at)
      .orderBy('at')
      .limit(8)
      .select('at', 'data')) as { at: number | string; data: Buffer }[];
    if (!parts.length) return hash.digest('hex');
    for (const p of parts) hash.update(p.data);
    const last = parts[parts.length - 1]!;
    at = Number(last.at) + last.data.length;
  }
}

/**
 * Bytes [start, end) of the pieces stored under a key (pieces are at most MAX_PIECE long), one
 * piece read at a time as the answer is sent.
 */
async function* readParts(knex: Knex, key: string, start: number, end: number) {
  let after = start - MAX_PIECE;
  for (;;) {
    const parts = (await knex('blob_parts')
      .where({ key })
      .where('at', '<', end)
      .where('at', '>', after)
      .orderBy('at')
      .limit(1)
      .select('at', 'data')) as { at: number | string; data: Buffer }[];
    if (!parts.length) return;
    for (const p of parts) {
      const from = Number(p.at);
      const piece = p.data.subarray(Math.max(0, start - from), Math.max(0, end - from));
      if (piece.length) yield piece;
    }
    after = Number(parts[parts.length - 1]!.at);
  }
}

const lengthOf = async (db: Knex, key: string) =>
  Number(((await db('blob_files').where({ key }).first('have')) as { have?: unknown })?.have ?? 0);

const drop = (db: Knex, key: string) =>
  Promise.all([db('blob_parts').where({ key }).delete(), db('blob_files').where({ key }).delete()]);

/** Locks a stored file's row on PostgreSQL (SQLite has one writer anyway). */
const lockFile = (trx: Knex.Transaction, key: string) =>
  dialectOf(trx) === 'postgres'
    ? trx('blob_files').where({ key }).forUpdate().first('key')
    : Promise.resolve();

/**
 * Files in PostgreSQL: an upload's pieces gather under the project and hash ("p/abc…") and become
 * the file ("abc…") when they hash right, so an upload never touches a file already stored.
 */
export function databaseServerBlobs(knex: Knex, now: () => number = Date.now): ServerBlobs {
  const staging = (projectId: string, sha256: string) => `${projectId}/${sha256}`;
  return {
    async status(projectId, sha256) {
      const row = await linked(knex, projectId, sha256);
      if (row) return { have: Number(row.size), complete: true };
      return { have: await lengthOf(knex, staging(projectId, sha256)), complete: false };
    },
    async append(projectId, sha256, offset, piece) {
      const key = staging(projectId, sha256);
      return knex.transaction(async (trx) => {
        await trx('blob_files').insert({ key, have: 0 }).onConflict('key').ignore();
        const row = (await trx('blob_files').where({ key }).forUpdate().first('have')) as {
          have: number | string;
        };
        if (Number(row.have) !== offset) return null;
        await trx('blob_parts').insert({ key, at: offset, data: piece });
        await trx('blob_files')
          .where({ key })
          .update({ have: offset + piece.length, touched_at: new Date().toISOString() });
        return offset + piece.length;
      });
    },
    async complete(projectId, sha256, size) {
      const key = staging(projectId, sha256);
      const have = await lengthOf(knex, key);
      if (have < size) return 'short';
      if (have !== size || (await hashOfParts(knex, key)) !== sha256) {
        await knex.transaction((trx) => drop(trx, key));
        return 'mismatch';
      }
      await knex.transaction(async (trx) => {
        // The stored file's row is locked, so the collector cannot remove it under this link.
        await lockFile(trx, sha256);
        if ((await lengthOf(trx, sha256)) === size) await drop(trx, key);
        else {
          await drop(trx, sha256);
          await trx('blob_parts').where({ key }).update({ key: sha256 });
          await trx('blob_files').where({ key }).update({ key: sha256 });
        }
        await link(trx, projectId, sha256, size, now);
      });
      return 'stored';
    },
    async size(projectId, sha256) {
      const row = await linked(knex, projectId, sha256);
      return row ? Number(row.size) : null;
    },
    // One piece read ahead at most (Readable.from would otherwise read sixteen ahead of a slow
    // laptop: 64 MB a download).
    read: (sha256, start, end) =>
      Readable.from(readParts(knex, sha256, start, end), { highWaterMark: 1 }),
    async removeUnlinked(sha256) {
      return knex.transaction(async (trx) => {
        await lockFile(trx, sha256);
        if (await trx('project_blobs').where({ sha256 }).first('sha256')) return false;
        if (!(await lengthOf(trx, sha256))) return false;
        await drop(trx, sha256);
        return true;
      });
    },
    async unlinkedFiles() {
      const rows = (await knex('blob_files')
        .whereNot('key', 'like', '%/%')
        .whereNotIn('key', knex('project_blobs').select('sha256'))
        .select('key', 'have')) as { key: string; have: number | string }[];
      return rows.map((r) => ({ sha256: r.key, bytes: Number(r.have) }));
    },
    async removeAbandoned(olderThanMs) {
      const cutoff = new Date(Date.now() - olderThanMs).toISOString();
      // Staging keys are "project/hash"; a stored file's key is its hash alone.
      const stale = (await knex('blob_files')
        .where('key', 'like', '%/%')
        .where((q) => q.whereNull('touched_at').orWhere('touched_at', '<', cutoff))
        .pluck('key')) as string[];
      for (const key of stale) await knex.transaction((trx) => drop(trx, key));
      return stale.length;
    },
  };
}
