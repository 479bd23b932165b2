// A push, step by step: check the stamps, lock the log's counter, read what the batch needs,
// judge each change (duplicate, refused, or accepted, and whether it overwrote an unseen value),
// append the accepted ones and the ledger rows they cause, and write the log, the cells and the
// rows' aggregates the snapshot reads.
import type { Knex } from 'knex';
import { chunks } from '../main/domain/chunks';
import { AppError } from '../main/domain/errors';
import { decodeHlc, MAX_CLOCK_AHEAD_MS, type HlcClock } from '../main/domain/hlc';
import { newId } from '../main/domain/ids';
import { ledgerCells, overwritesUnseen, replaces, type HeldCell } from '../main/domain/lww';
import { refusalFor, type Role } from '../main/domain/roles';
import { authorOf, checkCell, tableSpec } from '../main/domain/sync-check';
import type { Change, PushResponse, RejectedChange } from '../main/domain/sync-protocol';
import { recordHeldAgain } from './client-acks';
import { accountsNamed, peopleRefusal } from './people-rules';
import { cellKey, changeBytes, encode, LogBatch, ownBatch, projectHead } from './log-batch';
import type { Dialect } from './store-types';

export interface PushContext {
  dialect: Dialect;
  clock: HlcClock;
  /** The server's own client id, for the ledger rows it writes. */
  node: string;
  /** The most a project may store, in bytes (changeBytes counts a change). */
  quotaBytes: number;
}

export interface PushInput {
  projectId: string;
  user: { id: string; displayName: string };
  role: Role;
  clientId: string;
  changes: Change[];
  physical: number;
}

const rowKey = (tbl: string, rowId: string) => `${tbl}\u0000${rowId}`;

/** Nothing is accepted with a bad or far-ahead stamp: the laptop's clock must be put right first. */
export function assertStamps(changes: Change[], physical: number): void {
  for (const change of changes) {
    const ts = decodeHlc(change.hlc);
    if (!ts)
      throw new AppError('input.invalid', {
        issues: [{ path: 'changes.hlc', message: 'not an HLC stamp' }],
      });
    if (ts.millis - physical > MAX_CLOCK_AHEAD_MS)
      throw new AppError('sync.clock_drift', { aheadMs: ts.millis - physical, stamp: change.hlc });
  }
}

/** What the batch needs to know, read up front in a few queries. */
interface BatchState {
  /** The op ids of this client the log already has (a repeated batch is acknowledged again). */
  seen: Set<number>;
  /** The cells the batch writes, as held now (this project's). */
  cells: Map<string, HeldCell>;
  /** Each row's project, from the stored or the incoming project_id cell. */
  rowProject: Map<string, string>;
  /** Of the user ids the batch's `people` rows name, those that are the server's accounts. */
  accounts: Set<string>;
}

async function readBatchState(
  trx: Knex.Transaction,
  projectId: string,
  clientId: string,
  changes: Change[],
): Promise<BatchState> {
  const seen = new Set<number>();
  for (const part of chunks(
    changes.map((c) => c.op_id),
    500,
  )) {
    const rows = (await trx('changes')
      .where({ client_id: clientId })
      .whereIn('op_id', part)
      .select('op_id')) as { op_id: string | number }[];
    for (const r of rows) seen.add(Number(r.op_id));
  }
  // A `people` row is judged by who wrote its name: every such row's name cell is read.
  const wanted = unique([
    ...changes.map((c) => [c.tbl, c.row_id, c.col]),
    ...changes.filter((c) => c.tbl === 'people').map((c) => [c.tbl, c.row_id, 'name']),
  ]);
  const owners = unique(
    changes.filter((c) => c.tbl !== 'projects').map((c) => [c.tbl, c.row_id, 'project_id']),
  );
  const cells = new Map<string, HeldCell>();
  const rowProject = new Map<string, string>();
  for (const part of chunks([...wanted, ...owners], 300)) {
    const rows = (await trx('cells')
      .whereIn(['tbl', 'row_id', 'col'], part)
      .select(
        'project_id',
        'tbl',
        'row_id',
        'col',
        'value',
        'hlc',
        'client_id',
        'user_id',
      )) as (HeldCell & {
      project_id: string;
      tbl: string;
      row_id: string;
      col: string;
    })[];
    for (const r of rows) {
      // Another project's cell is never this batch's to change, but its project_id names the
      // row's owner: the project whose log first held the row.
      if (r.project_id === projectId) cells.set(cellKey(r.tbl, r.row_id, r.col), r);
      if (r.col === 'project_id' && !rowProject.has(rowKey(r.tbl, r.row_id)))
        rowProject.set(rowKey(r.tbl, r.row_id), r.project_id);
    }
  }
  // A row the server has never held belongs to the project its first project_id cell names; a
  // row it holds keeps its project for ever, whatever a change claims.
  for (const c of changes)
    if (
      c.col === 'project_id' &&
      typeof c.value === 'string' &&
      !rowProject.has(rowKey(c.tbl, c.row_id))
    )
      rowProject.set(rowKey(c.tbl, c.row_id), c.value);
  return { seen, cells, rowProject, accounts: await accountsNamed(trx, changes) };
}

type Writer = { id: string; displayName: string };

type Verdict =
  | { kind: 'duplicate' }
  | { kind: 'refused'; code: RejectedChange['code']; reason: string }
  | { kind: 'accepted'; current: HeldCell | null };

/**
 * A change's fate, by the batch's state: the one place the server's rules meet. Every change is
 * judged whole before it can count as a duplicate: the row's project, the writer's role (replay
 * or not, held before or not: no exemptions) and the schema.
 */
export function judge(
  change: Change,
  state: BatchState,
  projectId: string,
  writer: Writer & { role: Role },
): Verdict {
  const owner =
    change.tbl === 'projects'
      ? change.row_id
      : (state.rowProject.get(rowKey(change.tbl, change.row_id)) ?? null);
  if (owner !== projectId)
    return {
      kind: 'refused',
      code: 'sync.project_mismatch',
      reason: owner ? `row belongs to another project` : 'row has no project',
    };
  if (change.col === 'project_id' && change.value !== owner)
    return { kind: 'refused', code: 'sync.project_mismatch', reason: 'a row never moves project' };
  const schema = checkCell(change.tbl, change.col, change.value);
  if (schema) return { kind: 'refused', ...schema };
  // The same rule the laptop applies offline: refused alone, the rest of the batch applies.
  const refusal =
    refusalFor(writer.role, change.tbl, change.col, change.value) ??
    peopleRefusal(change, writer.id, {
      accounts: state.accounts,
      heldCell: (rowId, col) => state.cells.get(cellKey('people', rowId, col)),
    });
  if (refusal) return { kind: 'refused', code: 'auth.forbidden', reason: refusal };
  const current = state.cells.get(cellKey(change.tbl, change.row_id, change.col)) ?? null;
  if (rewritesHistory(change, current, writer))
    return {
      kind: 'refused',
      code: 'auth.forbidden',
      reason: `${change.tbl} is append-only: a row once written is never changed or deleted`,
    };
  if (state.seen.has(change.op_id)) return { kind: 'duplicate' };
  return { kind: 'accepted', current };
}

/**
 * Whether a change rewrites or deletes a held row of an append-only table (a correction); only
 * the references merges re-point may move. An author column is compared as the server keeps it.
 */
function rewritesHistory(change: Change, held: HeldCell | null, writer: Writer): boolean {
  const appendOnly = tableSpec(change.tbl)?.appendOnly;
  if (!appendOnly || appendOnly.movable.includes(change.col)) return false;
  if (change.col === 'deleted_at') return change.value !== null;
  return held !== null && held.value !== encode(authored(change, writer).value);
}

/** A change as the server keeps it: an author column names the signed-in user, whatever was sent. */
function authored(change: Change, user: { id: string; displayName: string }): Change {
  const author = authorOf(change.tbl, change.col);
  if (!author || change.value === null) return change;
  return { ...change, value: author === 'id' ? user.id : user.displayName };
}

/** Users' names by id, read once each (the pushing user's is known). */
function userNames(trx: Knex.Transaction, known: { id: string; displayName: string }) {
  const names = new Map<string, string>([[known.id, known.displayName]]);
  return async (userId: string): Promise<string> => {
    if (!names.has(userId))
      names.set(
        userId,
        ((await trx('users').where({ id: userId }).first('display_name'))?.display_name as
          string | undefined) ?? userId,
      );
    return names.get(userId)!;
  };
}

/**
 * Appends a batch to the project's log. Appends are serialized through the counter row (locked
 * FOR UPDATE on PostgreSQL; SQLite has one writer), so server_seq commits in order.
 */
export async function pushBatch(
  knex: Knex,
  ctx: PushContext,
  input: PushInput,
): Promise<{ acked: number[]; rejected: RejectedChange[]; own: PushResponse['own'] }> {
  assertStamps(input.changes, input.physical);
  const acked: number[] = [];
  const rejected: RejectedChange[] = [];
  let own: PushResponse['own'];
  // What the project holds, read before the log's counter is locked (a push's own growth is
  // counted as it goes; two pushes at once may each see the other's bytes a moment late).
  const used = Number(
    (await knex('project_usage').where({ project_id: input.projectId }).first('bytes'))?.bytes ?? 0,
  );
  await knex.transaction(async (trx) => {
    const counter = trx('meta').where({ key: 'seq' });
    const seqRow =
      ctx.dialect === 'postgres' ? await counter.forUpdate().first() : await counter.first();
    const receivedAt = new Date(input.physical).toISOString();
    const state = await readBatchState(trx, input.projectId, input.clientId, input.changes);
    const headBefore = await projectHead(trx, input.projectId);
    const log = new LogBatch(Number(seqRow.value), input.projectId, receivedAt, state.cells);
    const nameOf = userNames(trx, input.user);
    let heldAgain = 0;

    for (const sent of input.changes) {
      const verdict = judge(sent, state, input.projectId, { ...input.user, role: input.role });
      if (verdict.kind === 'duplicate') {
        acked.push(sent.op_id);
        continue;
      }
      if (verdict.kind === 'refused') {
        rejected.push({ op_id: sent.op_id, code: verdict.code, reason: verdict.reason });
        continue;
      }
      const { current } = verdict;
      // The same write again (a merge that several laptops made, a re-send): the cell already
      // holds it, as first received, and the log keeps one copy, so every laptop reads one value.
      if (current?.hlc === sent.hlc) {
        state.seen.add(sent.op_id);
        acked.push(sent.op_id);
        heldAgain = Math.max(heldAgain, sent.op_id);
        continue;
      }
      const change = authored(sent, input.user);
      const value = encode(change.value);
      // A full project takes nothing more (a ledger entry it causes counts too): refused, typed.
      if (used + log.bytes + changeBytes(value) > ctx.quotaBytes) {
        rejected.push({
          op_id: change.op_id,
          code: 'quota.exceeded',
          reason: `project storage ${used + log.bytes} of ${ctx.quotaBytes} bytes`,
        });
        continue;
      }
      const conflict = overwritesUnseen({ ...change, value }, current, input.clientId);
      log.append({ ...change, client_id: input.clientId, user_id: input.user.id });
      // An author column the server set differs from what the laptop holds: it is told.
      if (value !== encode(sent.value)) log.echo.add(log.seq);
      state.seen.add(change.op_id);
      acked.push(change.op_id);
      if (!conflict) continue;
      // A concurrent edit: both values go into the ledger, as server-written cells every
      // replica pulls.
      const newer = replaces(change.hlc, current.hlc) ? change.hlc : current.hlc;
      ctx.clock.receive(newer);
      const stamp = ctx.clock.tick();
      const ledgerRow = newId();
      const cells = ledgerCells(
        { projectId: input.projectId, tbl: change.tbl, rowId: change.row_id, col: change.col },
        { value, hlc: change.hlc, by: input.user.displayName },
        { value: current.value, hlc: current.hlc, by: await nameOf(current.user_id) },
        receivedAt,
      );
      log.appendLedger(ctx.node, stamp, ledgerRow, cells);
    }
    await log.write(trx, ctx.dialect);
    own = ownBatch(log, headBefore, input.user);
    if (heldAgain) await recordHeldAgain(trx, input.projectId, input.clientId, heldAgain);
  });
  return { acked, rejected, own };
}

function unique(keys: string[][]): [string, string, string][] {
  const seen = new Map<string, [string, string, string]>();
  for (const k of keys) seen.set(k.join('\u0000'), k as [string, string, string]);
  return [...seen.values()];
}
