// The steps of one sync cycle, each over a laptop's store and one signed-in HTTP client: the
// initial snapshot, the check that the server still remembers this laptop's changes, push and
// pull. The engine (engine.ts) runs them in order and keeps the status.
import type { Knex } from 'knex';
import { SCHEMA_VERSION } from '../../db/migrations';
import {
  mergeAllDuplicates,
  mergeTouched,
  syncingProjects,
  type MergeResult,
} from '../../db/repositories/natural-key-merge';
import { recordAuthors } from '../../db/repositories/people-repository';
import { applyRemoteCells } from '../../db/repositories/remote-apply';
import { getSetting, setSettings } from '../../db/repositories/settings-repository';
import { applySnapshotGroups, newestSnapshotStamp } from '../../db/repositories/snapshot-apply';
import {
  countOutbox,
  enqueueReplay,
  newestVersionBefore,
  ownCells,
  readCellValue,
  readOutbox,
  restampOutbox,
  settlePush,
  toChange,
  type TableInfo,
} from '../../db/repositories/sync-repository';
import { AppError } from '../domain/errors';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '../domain/hlc';
import type { PushResponse, ServerChange } from '../domain/sync-protocol';
import type { SyncStatus } from '../domain/sync-status';
import type { SyncHttp } from './http-client';
import { SYNC_KEYS as KEYS } from './settings-keys';
import { roleOn } from './sign-in';
import type { Store } from './store';

const PUSH_BATCH = 500;
const PULL_LIMIT = 1000;
export const SNAPSHOT_LIMIT = 20_000;

/** What a step works with, and how it tells the engine what happened. */
export interface StepContext {
  store: Store;
  http: SyncHttp;
  projectId: string;
  info: Map<string, TableInfo>;
  log: (message: string, error?: unknown) => void;
  /** Shows progress (and tells the status listeners). */
  report: (progress: SyncStatus['progress']) => void;
  /** Moves the clock past stamps received from the server. */
  receiveStamps: (stamps: string[]) => void;
  /** After a merge: the clock moves past its stamps, and what it queued is pushed next. */
  merged: (result: MergeResult) => void;
  /** Test hook: runs inside the pull transaction after a batch is applied (a throw = a crash). */
  afterApply: () => void;
}

const db = (ctx: StepContext): Knex => ctx.store.db;

/** A fresh laptop starts from the server's current state at sequence N, chunk by resumable chunk. */
export async function fetchSnapshot(ctx: StepContext): Promise<void> {
  const { http, projectId } = ctx;
  let asOf = Number((await getSetting(db(ctx), KEYS.snapshotAsOf)) ?? NaN);
  const cursor = await getSetting(db(ctx), KEYS.snapshotCursor);
  let done = 0;
  let total: number | null = null;
  let next = http.snapshot(projectId, Number.isNaN(asOf) ? null : asOf, cursor, SNAPSHOT_LIMIT);
  for (;;) {
    const page = await next;
    asOf = page.as_of;
    // Ask for the next chunk while this one is applied: the server and the laptop work at once.
    if (page.cursor) {
      next = http.snapshot(projectId, asOf, page.cursor, SNAPSHOT_LIMIT);
      next.catch(() => {});
    }
    if (page.total >= 0) total = page.total;
    await db(ctx).transaction(async (trx) => {
      await recordAuthors(trx, page.authors);
      await applySnapshotGroups(trx, page.groups, ctx.info);
      await setSettings(
        trx,
        page.cursor
          ? { [KEYS.snapshotAsOf]: String(asOf), [KEYS.snapshotCursor]: page.cursor }
          : {
              [KEYS.cursor]: String(asOf),
              [KEYS.epoch]: page.epoch,
              [KEYS.snapshotAsOf]: null,
              [KEYS.snapshotCursor]: null,
            },
      );
    });
    ctx.receiveStamps([newestSnapshotStamp(page.groups)]);
    ctx.store.changes.changed(page.groups.map((g) => g.tbl));
    done += page.groups.reduce((n, g) => n + g.rows.length * g.cols.length, 0);
    ctx.report({ phase: 'snapshot', done, total });
    if (!page.cursor) break;
  }
  // The server may hold duplicates that older laptops made: merge them as every laptop does.
  const enqueue = await syncingProjects(db(ctx));
  ctx.merged(await db(ctx).transaction((trx) => mergeAllDuplicates(trx, { enqueue })));
}

/** The server's word on this user's role, kept for offline use; a change applies at once. */
export async function refreshRole(ctx: StepContext): Promise<void> {
  const me = await ctx.http.me();
  const role = roleOn(me.projects, ctx.projectId);
  if (!role || role === ctx.store.identity.role) return;
  await setSettings(db(ctx), { [KEYS.role]: role });
  ctx.store.identity.role = role;
}

/**
 * A server restored from an older backup has forgotten changes it once acknowledged. The laptop
 * notices (the server's last op from this laptop is older than the last one it acknowledged),
 * sends again every cell it wrote, and re-reads the log from the start.
 */
export async function checkServerMemory(ctx: StepContext): Promise<void> {
  const { store } = ctx;
  const state = await ctx.http.clientState(ctx.projectId, store.identity.nodeId);
  const lastAcked = Number((await getSetting(db(ctx), KEYS.lastAcked)) ?? 0);
  const cursor = Number((await getSetting(db(ctx), KEYS.cursor)) ?? 0);
  const epoch = await getSetting(db(ctx), KEYS.epoch);
  const forgot = state.last_op_id < lastAcked;
  const rewound = state.max_seq < cursor || (epoch !== null && epoch !== state.epoch);
  if (!forgot && !rewound) return;
  ctx.log(
    `server forgot changes (last op ${state.last_op_id} < ${lastAcked}, max seq ${state.max_seq} < ${cursor}): re-sending`,
  );
  await db(ctx).transaction(async (trx) => {
    const mine = await ownCells(trx, store.identity.nodeId);
    const cells: { tbl: string; row_id: string; col: string; value: unknown; hlc: string }[] = [];
    for (const cell of mine) {
      const { found, value } = await readCellValue(trx, cell.tbl, cell.row_id, cell.col);
      if (found) cells.push({ ...cell, value });
    }
    await enqueueReplay(trx, cells, store.now().toISOString());
    await setSettings(trx, {
      [KEYS.cursor]: '0',
      [KEYS.lastAcked]: String(state.last_op_id),
      [KEYS.epoch]: state.epoch,
    });
  });
}

/** Sends the outbox in batches; a batch refused for a clock put right since is re-stamped once. */
export async function pushOutbox(ctx: StepContext): Promise<void> {
  const { http, store } = ctx;
  const total = await countOutbox(db(ctx), ctx.projectId);
  let done = 0;
  let restamped = false;
  // Once through the outbox: a change the server keeps refusing for now stays for the next sync.
  let after = 0;
  const enqueue = await syncingProjects(db(ctx));
  for (;;) {
    const rows = await readOutbox(db(ctx), PUSH_BATCH, ctx.projectId, after);
    if (!rows.length) return;
    ctx.report({ phase: 'push', done, total });
    let result;
    try {
      result = await http.push(ctx.projectId, {
        client_id: store.identity.nodeId,
        schema_version: SCHEMA_VERSION,
        changes: rows.map(toChange),
      });
    } catch (error) {
      if (!restamped && (await clockPutRight(ctx, error))) {
        await restamp(ctx);
        restamped = true;
        continue;
      }
      throw error;
    }
    await settle(ctx, result, rows.map(toChange), enqueue);
    after = Number(rows[rows.length - 1]!.seq);
    done += rows.length;
  }
}

async function settle(
  ctx: StepContext,
  result: PushResponse,
  sent: { tbl: string; row_id: string }[],
  enqueue: Parameters<typeof mergeTouched>[2]['enqueue'],
): Promise<void> {
  const { acked, rejected, own } = result;
  const at = ctx.store.now().toISOString();
  const merged = await db(ctx).transaction(async (trx) => {
    await settlePush(trx, acked, rejected, at);
    const maxAcked = Math.max(0, ...acked);
    const lastAcked = Number((await getSetting(trx, KEYS.lastAcked)) ?? 0);
    if (maxAcked > lastAcked) await setSettings(trx, { [KEYS.lastAcked]: String(maxAcked) });
    return own ? skipOwnChanges(ctx, trx, { ...own, sent }, result.epoch, enqueue) : null;
  });
  if (merged) {
    ctx.receiveStamps(merged.changes.map((c) => c.hlc));
    ctx.store.changes.changed(merged.changes.map((c) => c.tbl));
    ctx.merged(merged.result);
  }
  if (rejected.length) ctx.log(`server refused ${rejected.length} change(s): ${rejected[0]!.code}`);
}

/**
 * A laptop that had read the project's log up to where its batch went in need not pull the batch
 * back: it applies what the server logged otherwise (an author column, a conflict's ledger rows)
 * as if pulled, merges what the batch touched, and its cursor moves past the batch, in the
 * transaction that settles the push.
 */
async function skipOwnChanges(
  ctx: StepContext,
  trx: Knex.Transaction,
  own: NonNullable<PushResponse['own']> & { sent: { tbl: string; row_id: string }[] },
  epoch: string,
  enqueue: Parameters<typeof mergeTouched>[2]['enqueue'],
): Promise<{ changes: ServerChange[]; result: MergeResult } | null> {
  // What the wire says is checked like a pulled page: a place that is not one is ignored.
  const place = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!place(own.after) || !place(own.through) || !Array.isArray(own.changes)) return null;
  const cursor = Number((await getSetting(trx, KEYS.cursor)) ?? 0);
  const known = await getSetting(trx, KEYS.epoch);
  if (cursor < own.after || own.through <= cursor || (known !== null && known !== epoch))
    return null;
  await recordAuthors(trx, own.authors);
  await applyRemoteCells(trx, own.changes, ctx.info);
  // The rows the batch touched are merged as a pull of it would have (an older version's twin
  // rows for one natural key).
  const result = await mergeTouched(trx, [...own.sent, ...own.changes], { enqueue });
  await setSettings(trx, { [KEYS.cursor]: String(own.through), [KEYS.epoch]: epoch });
  return { changes: own.changes, result };
}

/** A push refused for clock drift, by a laptop whose clock now agrees with the server's. */
async function clockPutRight(ctx: StepContext, error: unknown): Promise<boolean> {
  if (!(error instanceof AppError) || error.code !== 'sync.clock_drift') return false;
  const health = await ctx.http.request<{ server_time: number }>('GET', '/health');
  return Math.abs(ctx.store.now().getTime() - health.server_time) < MAX_CLOCK_AHEAD_MS;
}

/** Changes stamped while the clock was far ahead get new stamps from the corrected clock. */
async function restamp(ctx: StepContext): Promise<void> {
  const { clock } = ctx.store;
  const health = await ctx.http.request<{ server_time: number }>('GET', '/health');
  const limit = health.server_time + MAX_CLOCK_AHEAD_MS;
  const isFuture = (hlc: string) => (decodeHlc(hlc)?.millis ?? 0) > limit;
  await db(ctx).transaction(async (trx) => {
    clock.rewind(await newestVersionBefore(trx, new Date(limit).toISOString()));
    const count = await restampOutbox(trx, isFuture, () => clock.tick());
    ctx.log(`re-stamped ${count} change(s) made with a wrong clock`);
  });
}

/** Reads the project's log from the cursor and applies it, batch by batch. */
export async function pullLog(ctx: StepContext): Promise<void> {
  const enqueue = await syncingProjects(db(ctx));
  for (;;) {
    const since = Number((await getSetting(db(ctx), KEYS.cursor)) ?? 0);
    const page = await ctx.http.pull(ctx.projectId, since, PULL_LIMIT);
    // Apply the batch and move the cursor in one transaction: a crash between them cannot
    // skip changes, and re-applying a batch changes nothing (LWW is idempotent). Rows that an
    // older laptop made twice for one natural key are merged in the same transaction.
    const merged = await db(ctx).transaction(async (trx) => {
      await recordAuthors(trx, page.authors);
      await applyRemoteCells(trx, page.changes, ctx.info);
      const result = await mergeTouched(trx, page.changes, { enqueue });
      ctx.afterApply();
      await setSettings(trx, { [KEYS.cursor]: String(page.next), [KEYS.epoch]: page.epoch });
      return result;
    });
    ctx.receiveStamps(page.changes.map((c) => c.hlc));
    // Open screens read again what the page changed (a merge changes the same tables).
    ctx.store.changes.changed(page.changes.map((c) => c.tbl));
    ctx.merged(merged);
    ctx.report({ phase: 'pull', done: page.next, total: page.max_seq });
    if (!page.has_more) return;
  }
}
