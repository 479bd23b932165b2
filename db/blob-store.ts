// Files by their content: each stored once under its SHA-256 (<root>/ab/abcdef…), written to a
// temporary name and renamed into place, so a crash never leaves half a file under a hash. A file
// that arrives in pieces (a resumable upload or download) grows as <hash>.part and becomes the
// file only when its bytes hash to its name. The laptop keeps photos here beside its database;
// the SQLite sync server keeps them in its data folder the same way.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const HASH = /^[0-9a-f]{64}$/;
const OWNER = /^[0-9a-zA-Z-]{1,64}$/;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A file (or a partial one) in the store. */
export interface StoredEntry {
  sha256: string;
  /** Its name in the hash's folder: the hash, or the hash and a ".part" suffix. */
  name: string;
  part: boolean;
  bytes: number;
  /** When it was last written (ms since the epoch). */
  storedAtMs: number;
}

/** What a partial file's completion found. */
export type CompleteResult = 'stored' | 'mismatch' | 'short';

export class FolderBlobStore {
  constructor(readonly root: string) {}

  /** The file of a hash (which may not exist). Refuses anything that is not a hash. */
  pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async size(sha256: string): Promise<number | null> {
    return fs.stat(this.pathOf(sha256)).then(
      (s) => s.size,
      () => null,
    );
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  /**
   * Stores the bytes (once: a file already there is kept) and returns their hash; a caller that
   * has just hashed these very bytes passes it.
   */
  async put(bytes: Uint8Array, known?: string): Promise<string> {
    const sha256 = known ?? sha256Of(bytes);
    if (await this.has(sha256)) return sha256;
    const file = this.pathOf(sha256);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } finally {
      await fs.rm(temp, { force: true });
    }
    return sha256;
  }

  async read(sha256: string): Promise<Buffer | null> {
    return fs.readFile(this.pathOf(sha256)).catch(() => null);
  }

  /** Bytes [start, end) of a stored file as a stream, read as it is consumed (a download). */
  streamRange(sha256: string, start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    return createReadStream(this.pathOf(sha256), { start, end: end - 1 });
  }

  /** Bytes [start, end) of a stored file at once (a piece of an upload). */
  async readRange(sha256: string, start: number, end: number): Promise<Buffer> {
    const handle = await fs.open(this.pathOf(sha256), 'r');
    try {
      const out = Buffer.alloc(Math.max(0, end - start));
      const { bytesRead } = await handle.read(out, 0, out.length, start);
      return out.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /**
   * The partial file of a hash, in a lane of its own when an owner is given: the server keeps
   * each project's upload apart, so one project can neither see nor break another's.
   */
  private partOf(sha256: string, owner?: string): string {
    if (owner !== undefined && !OWNER.test(owner))
      throw new Error(`not an owner: ${owner.slice(0, 80)}`);
    return `${this.pathOf(sha256)}${owner ? `.${owner}` : ''}.part`;
  }

  /** How many bytes of a file arriving in pieces are here. */
  async partialSize(sha256: string, owner?: string): Promise<number> {
    return fs.stat(this.partOf(sha256, owner)).then(
      (s) => s.size,
      () => 0,
    );
  }

  /**
   * Appends a piece at `offset`, which must be where the partial file ends; returns the new size,
   * or null (nothing written) when the offset is not the end.
   */
  async append(
    sha256: string,
    offset: number,
    piece: Uint8Array,
    owner?: string,
  ): Promise<number | null> {
    const part = this.partOf(sha256, owner);
    await fs.mkdir(path.dirname(part), { recursive: true });
    const handle = await fs.open(part, 'a');
    try {
      const { size } = await handle.stat();
      if (size !== offset) return null;
      await handle.write(piece);
      await handle.sync();
      return size + piece.length;
    } finally {
      await handle.close();
    }
  }

  /**
   * Makes a partial file the file of its hash when it has `size` bytes that hash to the name; a
   * file whose bytes do not match is thrown away.
   */
  async complete(sha256: string, size: number, owner?: string): Promise<CompleteResult> {
    const file = this.pathOf(sha256);
    const part = this.partOf(sha256, owner);
    const have = await this.partialSize(sha256, owner);
    if (have < size) return 'short';
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
    if (have !== size || hash.digest('hex') !== sha256) {
      await fs.rm(part, { force: true });
      return 'mismatch';
    }
    await fs.rename(part, file);
    return 'stored';
  }

  /** Removes partial files untouched for `olderThanMs` (abandoned uploads); returns how many. */
  async removeStaleParts(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for await (const entry of this.entries()) {
      if (!entry.part || now - entry.storedAtMs <= olderThanMs) continue;
      await fs.rm(path.join(path.dirname(this.pathOf(entry.sha256)), entry.name), { force: true });
      removed += 1;
    }
    return removed;
  }

  /**
   * Every file and partial file here (a partial one of each owner apart), with its size and when
   * it was last written.
   */
  async *entries(): AsyncGenerator<StoredEntry> {
    const dirs = await fs.readdir(this.root).catch(() => [] as string[]);
    for (const dir of dirs) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      const names = await fs.readdir(path.join(this.root, dir)).catch(() => [] as string[]);
      for (const name of names) {
        const sha256 = name.slice(0, 64);
        const rest = name.slice(64);
        if (!HASH.test(sha256) || !(rest === '' || rest.endsWith('.part'))) continue;
        const stat = await fs.stat(path.join(this.root, dir, name)).catch(() => null);
        if (stat?.isFile())
          yield { sha256, name, part: rest !== '', bytes: stat.size, storedAtMs: stat.mtimeMs };
      }
    }
  }

  /**
   * Removes a file (or partial file) found by entries() unless it was written at or after
   * `storedBefore`: it is first moved aside, so a copy of the same bytes stored again meanwhile
   * (a new upload renames a fresh file into place) is put back rather than lost. True if removed.
   */
  async collect(
    entry: Pick<StoredEntry, 'sha256' | 'name'>,
    storedBefore: number,
  ): Promise<boolean> {
    if (
      !HASH.test(entry.sha256) ||
      !entry.name.startsWith(entry.sha256) ||
      entry.name.includes('/')
    )
      throw new Error(`not a stored file: ${entry.name.slice(0, 80)}`);
    const file = path.join(path.dirname(this.pathOf(entry.sha256)), entry.name);
    const aside = `${file}.${randomBytes(6).toString('hex')}.gc`;
    try {
      await fs.rename(file, aside);
    } catch {
      return false;
    }
    const stat = await fs.stat(aside);
    if (stat.mtimeMs >= storedBefore) {
      await fs.rename(aside, file);
      return false;
    }
    await fs.rm(aside, { force: true });
    return true;
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
    await fs.rm(`${this.pathOf(sha256)}.part`, { force: true });
  }
}
