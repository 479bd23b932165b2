// Rows unique by what they describe (one panel per code in its structure; one record of each stage
// of a panel; one crew record per site day, shift and team; one staff count and one daily log per
// site day; one sheet revision per day and number) get an id derived from that key, so two
// laptops that create the "same" row offline create one row (DESIGN.md).
import { v5 as uuidv5 } from 'uuid';
import { decodeHlc, encodeHlc } from './hlc';

/**
 * The key columns of each table with a natural key, besides project_id. Merges run in this order:
 * panels first, since merging two panels moves their stage events under one panel.
 */
export const NATURAL_KEYS = {
  panels: ['structure_id', 'code'],
  panel_stage_events: ['panel_id', 'stage'],
  acceptances: ['panel_id', 'point', 'attempt'],
  inspections: ['panel_id', 'kind', 'attempt'],
  crew_shifts: ['site_day', 'shift', 'team_id'],
  machine_shifts: ['site_day', 'shift', 'machine_id'],
  team_aliases: ['alias'],
  attendance_imports: ['fingerprint'],
  attachments: ['sha256'],
  staff_counts: ['site_day'],
  daily_logs: ['site_day'],
  sheet_revisions: ['site_day', 'revision'],
  people: ['user_id'],
} as const satisfies Record<string, readonly string[]>;
export type NaturalTable = keyof typeof NATURAL_KEYS;

export function isNaturalTable(table: string): table is NaturalTable {
  return Object.hasOwn(NATURAL_KEYS, table);
}

/**
 * The rows that point at a natural table's rows by id. When a merge folds a row into the natural
 * one, these follow it (a panel's stage events, its design history, its photos; a stage's photos).
 */
export const NATURAL_REFERENCES: Partial<
  Record<NaturalTable, readonly { table: string; column: string; where?: Record<string, string> }[]>
> = {
  panels: [
    { table: 'panel_stage_events', column: 'panel_id' },
    { table: 'panel_changes', column: 'panel_id' },
    { table: 'attachments', column: 'panel_id' },
    { table: 'acceptances', column: 'panel_id' },
    { table: 'inspections', column: 'panel_id' },
    { table: 'corrections', column: 'panel_id' },
  ],
  panel_stage_events: [
    { table: 'attachments', column: 'owner_id', where: { owner_type: 'stage_event' } },
    { table: 'corrections', column: 'record_id', where: { record_table: 'panel_stage_events' } },
  ],
  inspections: [
    { table: 'corrections', column: 'record_id', where: { record_table: 'inspections' } },
  ],
};

/**
 * A key whose columns can change after the row is made (a panel's code): its natural id is that
 * of the key it was made with, so another row may come to hold the key the id stands for.
 */
export const MUTABLE_KEYS: ReadonlySet<NaturalTable> = new Set(['panels']);

/** A fixed UUIDv5 namespace for Haitai Progress natural keys (never change it). */
const NAMESPACE = '6f0d3c58-4b8e-5a3f-9a57-2a1c8e0b7d41';

/**
 * UUIDv5 over (project, table, key values). The project and the table are part of the name, so
 * the same key in another project or table can never give the same id.
 */
export function naturalId(
  projectId: string,
  /** Besides the natural tables: a conflict, and a milestone imported by its activity code. */
  table: NaturalTable | 'conflicts' | 'milestones',
  key: readonly (string | number)[],
): string {
  return uuidv5(JSON.stringify([projectId, table, ...key.map(String)]), NAMESPACE);
}

/** The natural id of a row, from its project_id and key columns. */
export function naturalIdOf(table: NaturalTable, row: Record<string, unknown>): string {
  return naturalId(
    String(row.project_id),
    table,
    NATURAL_KEYS[table].map((c) => String(row[c] ?? '')),
  );
}

/** The node id that stamps what a merge writes: every laptop computes the same stamps. */
export const MERGE_NODE = 'ffffffffffffffff';

export function isMergeStamp(hlc: string | null | undefined): boolean {
  return Boolean(hlc?.endsWith(`-${MERGE_NODE}`));
}

/** A stamp just after `newest`, the same on every laptop that merges the same rows. */
export function mergeStamp(newest: string): string {
  const ts = decodeHlc(newest) ?? { millis: 0, counter: 0, node: MERGE_NODE };
  return ts.counter >= 0xffff
    ? encodeHlc({ millis: ts.millis + 1, counter: 0, node: MERGE_NODE })
    : encodeHlc({ millis: ts.millis, counter: ts.counter + 1, node: MERGE_NODE });
}

export interface VersionedCell {
  value: unknown;
  hlc: string;
  by: string;
}

export interface MergeCandidate {
  id: string;
  cells: Record<string, VersionedCell>;
}

export interface MergeLoss {
  column: string;
  kept: VersionedCell;
  lost: VersionedCell;
}

export interface MergePlan {
  /** Each column of the survivor as it must stand, with the version it came with. */
  survivor: Record<string, VersionedCell>;
  /** The rows to tombstone (every row of the group but the survivor). */
  losers: string[];
  /** Values that lost, for the conflict ledger. */
  losses: MergeLoss[];
  /** The stamp of the tombstones: after every version in the group. */
  stamp: string;
}

/** Columns that are the row's identity or bookkeeping, never merged as values. */
const NOT_MERGED = new Set(['id', 'deleted_at']);
const NO_CONFLICT = new Set(['created_at', 'updated_at', 'updated_by', 'project_id']);

/**
 * Merges the rows that share one natural key into the row with the natural id: each column takes
 * the value with the newest version (ties by row id), and every other distinct value is a loss.
 * Pure and order-independent, so every laptop that sees the same rows computes the same plan.
 */
export function planMerge(canonicalId: string, rows: MergeCandidate[]): MergePlan {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const survivor: Record<string, VersionedCell> = {};
  let newest = '';
  for (const row of sorted) {
    for (const [column, cell] of Object.entries(row.cells)) {
      if (cell.hlc > newest) newest = cell.hlc;
      if (NOT_MERGED.has(column)) continue;
      const current = survivor[column];
      if (!current || cell.hlc > current.hlc) survivor[column] = cell;
    }
  }
  const losses: MergeLoss[] = [];
  const recorded = new Set<string>();
  for (const row of sorted) {
    for (const [column, cell] of Object.entries(row.cells)) {
      if (NOT_MERGED.has(column) || NO_CONFLICT.has(column)) continue;
      const kept = survivor[column]!;
      const key = `${column}\u0000${cell.hlc}`;
      if (cell === kept || sameValue(cell.value, kept.value) || recorded.has(key)) continue;
      // A null with no version was never written: nothing was lost.
      if (cell.hlc === '' && (cell.value ?? null) === null) continue;
      recorded.add(key);
      losses.push({ column, kept, lost: cell });
    }
  }
  return {
    survivor,
    losers: sorted.filter((r) => r.id !== canonicalId).map((r) => r.id),
    losses,
    stamp: mergeStamp(newest),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
