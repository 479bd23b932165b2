// Merges rows that describe the same thing (one crew record per day, shift and team…) but were
// created with random ids, by an older version or before ids were natural: one survivor with the
// natural id, each cell the newest by HLC, the losing values in the conflict ledger, the rest
// tombstoned. Every stamp it writes is derived from the rows merged, so every laptop that merges
// the same rows writes the same cells, and replicas converge without a coordinator.
import type { Knex } from 'knex';
import { decodeHlc } from '../../main/domain/hlc';
import { authorOf } from '../../main/domain/sync-check';
import {
  isMergeStamp,
  NATURAL_KEYS,
  naturalId,
  planMerge,
  type MergeCandidate,
  type MergePlan,
  type NaturalTable,
} from '../../main/domain/natural-keys';
import { namesOf } from './people-repository';
import { getSettings } from './settings-repository';
import { enqueueReplay } from './sync-repository';
import { chunks } from '../../main/domain/chunks';
import {
  canonicalId,
  repointReferences,
  revives,
  versionOf,
  versionsOf,
  type Cell,
  type Versions,
} from './merge-moves';
import type { Row } from './write';

type Db = Knex | Knex.Transaction;

export interface MergeOptions {
  /** Whether what is merged in this project is sent to the server (as replays). */
  enqueue: (projectId: string) => boolean;
}

export interface MergeResult {
  groups: number;
  tombstoned: number;
  losses: number;
  /** The newest stamp written, for the laptop's clock to move past. */
  newestStamp: string | null;
}

const EMPTY: MergeResult = { groups: 0, tombstoned: 0, losses: 0, newestStamp: null };
const TABLES = Object.keys(NATURAL_KEYS) as NaturalTable[];
const keyColumns = (table: NaturalTable) => ['project_id', ...NATURAL_KEYS[table]];

/** Every group of rows in the database that shares a natural key (the migration, a snapshot). */
export async function mergeAllDuplicates(
  trx: Knex.Transaction,
  options: MergeOptions,
): Promise<MergeResult> {
  let result = EMPTY;
  for (const table of TABLES) {
    const cols = keyColumns(table);
    const keys: Row[] = await trx(table)
      .select(cols)
      .groupBy(cols)
      .havingRaw('COUNT(*) > 1 AND SUM(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END) > 0');
    result = add(result, await mergeKeys(trx, table, keys, options));
  }
  return result;
}

/** The groups of the rows that sync just touched (after a pull batch). */
export async function mergeTouched(
  trx: Knex.Transaction,
  touched: { tbl: string; row_id: string }[],
  options: MergeOptions,
): Promise<MergeResult> {
  let result = EMPTY;
  // Rows a merge moves under another row (a merged panel's stage events) may now share a key.
  const moved: Moved[] = [];
  for (const table of TABLES) {
    const ids = [
      ...new Set([...touched, ...moved].filter((t) => t.tbl === table).map((t) => t.row_id)),
    ];
    if (!ids.length) continue;
    const cols = keyColumns(table);
    const keys = new Map<string, Row>();
    for (const part of chunks(ids, 500))
      for (const row of (await trx(table).whereIn('id', part).select(cols)) as Row[])
        keys.set(JSON.stringify(cols.map((c) => row[c])), row);
    result = add(result, await mergeKeys(trx, table, [...keys.values()], options, moved));
  }
  return result;
}

type Moved = { tbl: string; row_id: string };

async function mergeKeys(
  trx: Knex.Transaction,
  table: NaturalTable,
  keys: Row[],
  options: MergeOptions,
  moved: Moved[] = [],
): Promise<MergeResult> {
  if (!keys.length) return EMPTY;
  const cols = keyColumns(table);
  const rows: Row[] = [];
  for (const part of chunks(keys, Math.floor(400 / cols.length)))
    rows.push(
      ...((await trx(table).whereIn(
        cols,
        part.map((k) => cols.map((c) => k[c] ?? null)),
      )) as Row[]),
    );
  const versions = await versionsOf(
    trx,
    table,
    rows.map((r) => String(r.id)),
  );
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = JSON.stringify(cols.map((c) => row[c]));
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const names = new Map<string, Map<string, string>>();
  let result = EMPTY;
  for (const group of groups.values()) {
    const projectId = String(group[0]!.project_id);
    if (!names.has(projectId)) names.set(projectId, await namesOf(trx, projectId));
    const canonical = await canonicalId(trx, table, group[0]!);
    // A row in the group: the natural one, any live one, and any a merge tombstoned (an older
    // laptop may still edit it, and its edit must reach the survivor).
    const members = group.filter(
      (r) =>
        r.id === canonical ||
        r.deleted_at === null ||
        isMergeStamp(versionOf(versions, String(r.id), 'deleted_at')),
    );
    if (members.length < 2) continue;
    const nameOf = (userId: unknown) =>
      names.get(projectId)!.get(String(userId)) ?? String(userId ?? '');
    const candidates: MergeCandidate[] = members.map((r) => ({
      id: String(r.id),
      cells: Object.fromEntries(
        Object.entries(r)
          .filter(([col]) => col !== 'id')
          .map(([col, value]) => [
            col,
            {
              value,
              // A null no one wrote has no version: the row's version does not stand for it.
              hlc: versionOf(versions, String(r.id), col, value === null),
              by: nameOf(r.updated_by),
            },
          ]),
      ),
    }));
    const plan = planMerge(canonical, candidates);
    const written = await applyPlan(trx, table, projectId, canonical, members, versions, plan, {
      enqueue: options.enqueue(projectId),
      moved,
    });
    if (written)
      result = add(result, {
        groups: 1,
        tombstoned: written.tombstoned,
        losses: written.losses,
        newestStamp: plan.stamp,
      });
  }
  return result;
}

async function applyPlan(
  trx: Knex.Transaction,
  table: NaturalTable,
  projectId: string,
  canonical: string,
  members: Row[],
  versions: Versions,
  plan: MergePlan,
  options: { enqueue: boolean; moved: Moved[] },
): Promise<{ tombstoned: number; losses: number } | null> {
  const at = stampTime(plan.stamp);
  const current = members.find((r) => r.id === canonical);
  const cells: Cell[] = [];
  const survivor: Row = {};
  for (const [col, cell] of Object.entries(plan.survivor)) {
    // Who wrote a row is the server's to say (it names the signed-in writer): a merge never copies
    // an author between rows that exist, or the laptops and the server would trade it for ever.
    if (current && authorOf(table, col)) continue;
    const same = current && (current[col] ?? null) === (cell.value ?? null);
    const sameVersion = versionOf(versions, canonical, col) === cell.hlc;
    if (same && sameVersion) continue;
    survivor[col] = (cell.value ?? null) as Row[string];
    // A cell that never had a version (local illustration data) takes the merge's stamp.
    cells.push({
      tbl: table,
      row_id: canonical,
      col,
      value: cell.value,
      hlc: cell.hlc || plan.stamp,
      // What this laptop held of the natural row's cell (nothing, when the merge makes the row):
      // the server may hold a value written there that this laptop never saw, and must not lose
      // it silently (convergence seed 1543087937, path 23).
      seen: current ? versionOf(versions, canonical, col) || null : null,
    });
  }
  if (current && revives(current, members, versions)) {
    survivor.deleted_at = null;
    cells.push({ tbl: table, row_id: canonical, col: 'deleted_at', value: null, hlc: plan.stamp });
  }
  const losers = members.filter((r) => r.id !== canonical && r.deleted_at === null);
  // A value can lose with nothing left to move: an older laptop edited a row that another
  // laptop's merge had already tombstoned, before it heard of that merge. Its value still lost.
  const ledger = await ledgerRows(trx, table, projectId, canonical, plan, at);
  const formers = members.filter((r) => r.id !== canonical).map((r) => String(r.id));
  const repointed = await repointReferences(trx, table, canonical, formers, plan.stamp);
  if (!cells.length && !losers.length && !ledger.length && !repointed.length) return null;
  options.moved.push(...repointed);
  cells.push(...repointed);

  if (current) {
    if (Object.keys(survivor).length) await trx(table).where({ id: canonical }).update(survivor);
  } else {
    await trx(table).insert({ id: canonical, ...survivor, deleted_at: null });
  }
  for (const loser of losers) {
    await trx(table).where({ id: loser.id }).update({ deleted_at: at });
    cells.push({
      tbl: table,
      row_id: String(loser.id),
      col: 'deleted_at',
      value: at,
      hlc: plan.stamp,
    });
  }
  cells.push(...ledger);
  await recordVersions(trx, cells, options.enqueue, at);
  return { tombstoned: losers.length, losses: new Set(ledger.map((c) => c.row_id)).size };
}

/** One ledger row per lost value, with an id derived from it, so merging twice adds nothing. */
async function ledgerRows(
  trx: Knex.Transaction,
  table: NaturalTable,
  projectId: string,
  canonical: string,
  plan: MergePlan,
  at: string,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const loss of plan.losses) {
    const id = naturalId(projectId, 'conflicts', [table, canonical, loss.column, loss.lost.hlc]);
    if (await trx('conflicts').where({ id }).first('id')) continue;
    const json = (v: unknown) => JSON.stringify(v ?? null);
    const row: Row = {
      project_id: projectId,
      target_tbl: table,
      target_row: canonical,
      target_col: loss.column,
      kept_value: json(loss.kept.value),
      kept_hlc: loss.kept.hlc,
      kept_by: loss.kept.by,
      lost_value: json(loss.lost.value),
      lost_hlc: loss.lost.hlc,
      lost_by: loss.lost.by,
      detected_at: at,
      created_at: at,
      updated_at: at,
      updated_by: 'merge',
    };
    await trx('conflicts').insert({ id, ...row, deleted_at: null });
    for (const [col, value] of Object.entries(row))
      cells.push({ tbl: 'conflicts', row_id: id, col, value, hlc: plan.stamp });
  }
  return cells;
}

/** The merged cells' versions, and (for a project that syncs) the same cells as replays to send. */
async function recordVersions(
  trx: Knex.Transaction,
  cells: Cell[],
  enqueue: boolean,
  at: string,
): Promise<void> {
  if (enqueue) {
    // The outbox trigger records each cell's version too.
    await enqueueReplay(trx, cells, at);
    return;
  }
  for (const part of chunks(cells, 300))
    await trx('cell_versions')
      .insert(part.map((c) => ({ tbl: c.tbl, row_id: c.row_id, col: c.col, hlc: c.hlc })))
      .onConflict(['tbl', 'row_id', 'col'])
      .merge(['hlc']);
}

function stampTime(stamp: string): string {
  const ts = decodeHlc(stamp);
  return new Date(ts?.millis ?? 0).toISOString();
}

function add(a: MergeResult, b: MergeResult): MergeResult {
  return {
    groups: a.groups + b.groups,
    tombstoned: a.tombstoned + b.tombstoned,
    losses: a.losses + b.losses,
    newestStamp:
      (a.newestStamp ?? '') > (b.newestStamp ?? '')
        ? a.newestStamp
        : (b.newestStamp ?? a.newestStamp),
  };
}

/** Whether the laptop's settings say this project syncs and this user may push (not a viewer). */
export async function syncingProjects(db: Db): Promise<(projectId: string) => boolean> {
  const settings = await getSettings(db, ['sync.project_id', 'sync.role']);
  const project = settings.get('sync.project_id') ?? null;
  const role = settings.get('sync.role') ?? null;
  return (projectId) => project === projectId && role !== null && role !== 'viewer';
}
