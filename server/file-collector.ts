// The server's collector of attachments' files no row names (the rule: main/domain/file-retention.ts).
// Each project's hold on a file (a link) goes when none of the project's live attachment rows has
// named the file for the retention period, counted from the later of the link and the server's
// receipt of the last change to a row naming it; a file goes once no project holds it. Removing a
// link re-reads the rows with the log's counter locked, so a push that names the file again
// either lands first (and the link stays) or after (and the laptop uploads the file again).
// The server's backups hold their own files (docs/server.md: the files are copied after the
// database, or are in it), so a restored backup never names a file it lacks.
import type { Knex } from 'knex';
import {
  filesToCollect,
  type CollectedFiles,
  type FileUse,
  type StoredFile,
} from '../main/domain/file-retention';
import type { ServerBlobs } from './blobs';
import { dialectOf } from './snapshot-rows';

const FILE_COLUMNS = ['sha256', 'thumb_sha256', 'preview_sha256'] as const;
const BATCH = 500;

export interface ProjectCollection extends CollectedFiles {
  projectId: string;
}

export interface ServerCollection {
  retentionDays: number;
  dryRun: boolean;
  projects: ProjectCollection[];
  /** Stored files removed (no project holds them any more), or that a dry run would remove. */
  removedFiles: number;
  removedBytes: number;
}

const textOf = (value: unknown): unknown => {
  if (typeof value !== 'string') return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
};

/**
 * The mentions of files by a project's attachment rows (all of them, or those naming `only`):
 * whether each row is live, and when the server received the row's last change.
 */
async function fileUses(
  db: Knex | Knex.Transaction,
  projectId: string,
  only?: readonly string[],
): Promise<FileUse[]> {
  const rowIds = new Set<string>();
  if (only) {
    for (let i = 0; i < only.length; i += BATCH) {
      const values = only.slice(i, i + BATCH).map((h) => JSON.stringify(h));
      const ids = (await db('cells')
        .where({ project_id: projectId, tbl: 'attachments' })
        .whereIn('col', FILE_COLUMNS)
        .whereIn('value', values)
        .distinct()
        .pluck('row_id')) as string[];
      for (const id of ids) rowIds.add(id);
    }
    if (!rowIds.size) return [];
  }
  const cells: { row_id: string; col: string; value: string | null; received_at: string | null }[] =
    [];
  const read = (ids?: string[]) =>
    db('cells as c')
      .leftJoin('changes as ch', 'ch.seq', 'c.seq')
      .where({ 'c.project_id': projectId, 'c.tbl': 'attachments' })
      .whereIn('c.col', [...FILE_COLUMNS, 'deleted_at'])
      .modify((q) => (ids ? q.whereIn('c.row_id', ids) : q))
      .select('c.row_id', 'c.col', 'c.value', 'ch.received_at');
  if (only) {
    const ids = [...rowIds];
    for (let i = 0; i < ids.length; i += BATCH)
      cells.push(...(await read(ids.slice(i, i + BATCH))));
  } else cells.push(...(await read()));

  const rows = new Map<string, { files: string[]; deleted: boolean; changedAtMs: number }>();
  for (const cell of cells) {
    const row = rows.get(cell.row_id) ?? { files: [], deleted: false, changedAtMs: -Infinity };
    rows.set(cell.row_id, row);
    // A change the log no longer holds counts as now: kept the longest.
    const at = cell.received_at ? Date.parse(cell.received_at) : NaN;
    row.changedAtMs = Math.max(row.changedAtMs, Number.isFinite(at) ? at : Infinity);
    const value = textOf(cell.value);
    if (cell.col === 'deleted_at') row.deleted = value !== null;
    else if (typeof value === 'string') row.files.push(value);
  }
  return [...rows.values()].flatMap((row) =>
    row.files.map((sha256) => ({
      sha256,
      live: !row.deleted,
      changedAtMs: Number.isFinite(row.changedAtMs) ? row.changedAtMs : NaN,
    })),
  );
}

/**
 * Lets go of the project's links to files still unnamed once pushes wait (the log's counter
 * locked), so no push can name a file between this reading and the unlinking.
 */
function unlink<F extends StoredFile>(
  knex: Knex,
  projectId: string,
  chosen: F[],
  window: { nowMs: number; retentionDays: number },
): Promise<F[]> {
  return knex.transaction(async (trx) => {
    const counter = trx('meta').where({ key: 'seq' });
    await (dialectOf(knex) === 'postgres' ? counter.forUpdate().first() : counter.first());
    const uses = await fileUses(
      trx,
      projectId,
      chosen.map((c) => c.sha256),
    );
    const still = filesToCollect(chosen, uses, window);
    for (let i = 0; i < still.length; i += BATCH)
      await trx('project_blobs')
        .where({ project_id: projectId })
        .whereIn(
          'sha256',
          still.slice(i, i + BATCH).map((c) => c.sha256),
        )
        .delete();
    return still;
  });
}

export async function collectServerFiles(
  knex: Knex,
  blobs: ServerBlobs,
  options: { retentionDays: number; dryRun?: boolean; now?: () => number },
): Promise<ServerCollection> {
  const dryRun = options.dryRun ?? false;
  const started = (options.now ?? Date.now)();
  // Files' own times are the wall clock's: one written after this moment is never removed.
  const wallStart = Date.now();
  const projectIds = (await knex('project_blobs')
    .distinct()
    .orderBy('project_id')
    .pluck('project_id')) as string[];
  const projects: ProjectCollection[] = [];
  /** Each file let go of, its size and how many projects let go of it. */
  const unlinked = new Map<string, number>();
  const unlinkedFrom = new Map<string, number>();
  for (const projectId of projectIds) {
    const links = (
      (await knex('project_blobs')
        .where({ project_id: projectId })
        .select('sha256', 'size', 'linked_at')) as {
        sha256: string;
        size: number | string;
        linked_at: string | null;
      }[]
    ).map((l) => ({
      sha256: l.sha256,
      bytes: Number(l.size),
      storedAtMs: l.linked_at ? Date.parse(l.linked_at) : NaN,
    }));
    const window = { nowMs: started, retentionDays: options.retentionDays };
    let chosen = filesToCollect(links, await fileUses(knex, projectId), window);
    if (!dryRun && chosen.length) chosen = await unlink(knex, projectId, chosen, window);
    for (const c of chosen) {
      unlinked.set(c.sha256, c.bytes);
      unlinkedFrom.set(c.sha256, (unlinkedFrom.get(c.sha256) ?? 0) + 1);
    }
    projects.push({
      projectId,
      files: links.length,
      bytes: links.reduce((n, l) => n + l.bytes, 0),
      collectFiles: chosen.length,
      collectBytes: chosen.reduce((n, c) => n + c.bytes, 0),
    });
  }

  // A file goes when no project holds it (in a dry run: when every project holding it would let go).
  let removedFiles = 0;
  let removedBytes = 0;
  if (dryRun) {
    const hashes = [...unlinked.keys()];
    for (let i = 0; i < hashes.length; i += BATCH) {
      const held = (await knex('project_blobs')
        .whereIn('sha256', hashes.slice(i, i + BATCH))
        .groupBy('sha256')
        .select('sha256', knex.raw('count(*) as n'))) as { sha256: string; n: number | string }[];
      for (const h of held)
        if (Number(h.n) === unlinkedFrom.get(h.sha256)) {
          removedFiles += 1;
          removedBytes += unlinked.get(h.sha256)!;
        }
    }
  } else {
    for (const [sha256, bytes] of unlinked) {
      if (await blobs.removeUnlinked(sha256, wallStart)) {
        removedFiles += 1;
        removedBytes += bytes;
      }
    }
  }
  // Files no project held before this run (a run stopped between letting go and removing): any
  // stored over an hour ago goes, so an upload completing right now is never taken for one.
  for (const orphan of await blobs.unlinkedFiles()) {
    if (unlinked.has(orphan.sha256)) continue;
    if (dryRun || (await blobs.removeUnlinked(orphan.sha256, wallStart - 3600_000))) {
      removedFiles += 1;
      removedBytes += orphan.bytes;
    }
  }
  return { retentionDays: options.retentionDays, dryRun, projects, removedFiles, removedBytes };
}
