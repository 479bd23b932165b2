// A push's appends to the project's log: the rows numbered from the log's counter, the cells they
// change, and what the pushing laptop is told of them (PushResponse.own).
import type { Knex } from 'knex';
import { chunks } from '../main/domain/chunks';
import { replaces, type HeldCell } from '../main/domain/lww';
import type { CellValue, PushResponse } from '../main/domain/sync-protocol';
import { toServerChange } from './log-reads';
import { refreshSnapshotRows } from './snapshot-rows';
import type { Dialect } from './store-types';

export const encode = (value: CellValue) => JSON.stringify(value);
export const cellKey = (tbl: string, rowId: string, col: string) =>
  `${tbl}\u0000${rowId}\u0000${col}`;

/** What a change costs a project's storage: its value and a row's worth of the rest. */
export const changeBytes = (value: string) => 100 + value.length;

export interface Write {
  client_id: string;
  op_id: number;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: CellValue;
  base_hlc: string | null;
  user_id: string;
}

/** The log rows a batch appends, numbered from the counter, and the cells they change. */
export class LogBatch {
  readonly rows: Record<string, unknown>[] = [];
  readonly dirty = new Map<string, Record<string, unknown>>();
  /** What the appended changes cost the project's storage. */
  bytes = 0;
  /** Every appended change became its cell's value (none lost to a newer one held). */
  allTook = true;
  /** The seqs of appended changes a laptop must be told of (its own were sent otherwise). */
  readonly echo = new Set<number>();

  constructor(
    public seq: number,
    private readonly projectId: string,
    private readonly receivedAt: string,
    private readonly cells: Map<string, HeldCell>,
  ) {}

  append(w: Write): void {
    this.seq += 1;
    const value = encode(w.value);
    this.bytes += changeBytes(value);
    this.rows.push({
      seq: this.seq,
      project_id: this.projectId,
      client_id: w.client_id,
      op_id: w.op_id,
      hlc: w.hlc,
      tbl: w.tbl,
      row_id: w.row_id,
      col: w.col,
      value,
      base_hlc: w.base_hlc,
      user_id: w.user_id,
      received_at: this.receivedAt,
    });
    const k = cellKey(w.tbl, w.row_id, w.col);
    if (!replaces(w.hlc, this.cells.get(k)?.hlc)) {
      this.allTook = false;
      return;
    }
    const cell = { value, hlc: w.hlc, client_id: w.client_id, user_id: w.user_id };
    this.cells.set(k, cell);
    this.dirty.set(k, {
      project_id: this.projectId,
      tbl: w.tbl,
      row_id: w.row_id,
      col: w.col,
      seq: this.seq,
      ...cell,
    });
  }

  /** A conflict's ledger row, written by the server (and told to the laptop that caused it). */
  appendLedger(node: string, hlc: string, rowId: string, cells: [string, CellValue][]): void {
    for (const [col, value] of cells) {
      this.append({
        client_id: node,
        op_id: this.seq + 1,
        hlc,
        tbl: 'conflicts',
        row_id: rowId,
        col,
        value,
        base_hlc: null,
        user_id: 'server',
      });
      this.echo.add(this.seq);
    }
  }

  async write(trx: Knex.Transaction, dialect: Dialect): Promise<void> {
    for (const part of chunks(this.rows, 200)) await trx('changes').insert(part);
    const dirty = [...this.dirty.values()];
    for (const part of chunks(dirty, 200))
      await trx('cells')
        .insert(part)
        .onConflict(['project_id', 'tbl', 'row_id', 'col'])
        .merge(['value', 'hlc', 'seq', 'client_id', 'user_id']);
    const rows = new Map<string, [string, string]>();
    for (const c of dirty)
      rows.set(`${c.tbl as string}\u0000${c.row_id as string}`, [
        c.tbl as string,
        c.row_id as string,
      ]);
    await refreshSnapshotRows(trx, dialect, this.projectId, [...rows.values()]);
    if (this.bytes)
      await trx('project_usage')
        .insert({ project_id: this.projectId, bytes: this.bytes })
        .onConflict('project_id')
        .merge({ bytes: trx.raw('project_usage.bytes + ?', [this.bytes]) });
    await trx('meta')
      .where({ key: 'seq' })
      .update({ value: String(this.seq) });
  }
}

/**
 * What the pushing laptop is told of its batch (PushResponse.own): nothing when nothing was
 * logged, or when a change lost to a newer value held (the laptop then pulls as before).
 */
export function ownBatch(
  log: LogBatch,
  after: number,
  user: { id: string; displayName: string },
): PushResponse['own'] {
  if (!log.rows.length || !log.allTook) return undefined;
  const changes = log.rows.filter((r) => log.echo.has(r.seq as number)).map(toServerChange);
  const authors = changes.some((c) => c.user_id === user.id) ? { [user.id]: user.displayName } : {};
  return { after, through: log.seq, changes, authors };
}

/** The project's last sequence number in the log (0 before its first change). */
export async function projectHead(trx: Knex.Transaction, projectId: string): Promise<number> {
  const row = (await trx('changes').where({ project_id: projectId }).max({ m: 'seq' }).first()) as
    { m: number | string | null } | undefined;
  return Number(row?.m ?? 0);
}
