// The one way synced tables are written. Each write changes the data and, in the same
// transaction, appends one outbox row per changed cell (a trigger records the cell's new version),
// so a crash can never leave data without its outbox entry or the other way round.
import type { Knex } from 'knex';
import type { Row } from './write';

export const SYNCED_TABLES = [
  'projects',
  'structures',
  'panels',
  'teams',
  'milestones',
  'panel_stage_events',
  'crew_shifts',
  'staff_counts',
  'daily_logs',
  'users',
  'devices',
  'conflicts',
  'sheet_revisions',
  'milestone_changes',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** The laptop's own identity rows: written like the others, never pushed (the server owns accounts). */
export const LOCAL_ONLY_TABLES: ReadonlySet<string> = new Set(['users', 'devices']);

const AUDIT = new Set(['id', 'created_at']);

export interface SyncedWriter {
  /** The transaction, for reads that must see this write's own changes. */
  readonly trx: Knex.Transaction;
  readonly at: string;
  insert(table: SyncedTable, row: Row & { id: string }): Promise<void>;
  /** Writes only the columns whose value differs; returns their names. */
  update(table: SyncedTable, id: string, changes: Row): Promise<string[]>;
  tombstone(table: SyncedTable, id: string): Promise<void>;
  /**
   * Updates the live row that matches `key` (the oldest, if several), or inserts one with a new
   * id. For records kept once per day: a team's shift, the staff count, the daily log.
   */
  upsert(table: SyncedTable, key: Row, values: Row, newId: () => string): Promise<string>;
}

export interface WriterDeps {
  /** A new HLC stamp; one per write call, shared by the cells it changes. */
  stamp: () => string;
  actor: string;
  now: () => Date;
}

async function recordCells(
  trx: Knex.Transaction,
  table: SyncedTable,
  rowId: string,
  cells: [string, unknown][],
  hlc: string,
  at: string,
  base: Map<string, string>,
): Promise<void> {
  if (cells.length === 0 || LOCAL_ONLY_TABLES.has(table)) return;
  await trx('outbox').insert(
    cells.map(([col, value]) => ({
      hlc,
      tbl: table,
      row_id: rowId,
      col,
      value: JSON.stringify(value ?? null),
      base_hlc: base.get(col) ?? null,
      created_at: at,
    })),
  );
  // The trigger outbox_cell_version records each cell's new version in cell_versions.
}

export function createSyncedWriter(trx: Knex.Transaction, deps: WriterDeps): SyncedWriter {
  const at = deps.now().toISOString();
  return {
    trx,
    at,
    async insert(table, row) {
      const full: Row = {
        ...row,
        created_at: at,
        updated_at: at,
        updated_by: deps.actor,
        deleted_at: null,
      };
      await trx(table).insert(full);
      // A new row's cells have no base version; null cells need no change record.
      const cells = Object.entries(full).filter(([col, value]) => col !== 'id' && value !== null);
      await recordCells(trx, table, row.id, cells, deps.stamp(), at, new Map());
    },
    async update(table, id, changes) {
      const current = (await trx(table).where({ id }).first()) as Row | undefined;
      if (!current) throw new Error(`${table} ${id} does not exist`);
      const changed = Object.entries(changes).filter(
        ([col, value]) => !AUDIT.has(col) && (current[col] ?? null) !== (value ?? null),
      );
      if (changed.length === 0) return [];
      const cells: [string, unknown][] = [
        ...changed,
        ['updated_at', at],
        ['updated_by', deps.actor],
      ];
      await trx(table).where({ id }).update(Object.fromEntries(cells));
      const versions: { col: string; hlc: string }[] = await trx('cell_versions')
        .where({ tbl: table, row_id: id })
        .whereIn(
          'col',
          cells.map(([col]) => col),
        )
        .select('col', 'hlc');
      const base = new Map(versions.map((v) => [v.col, v.hlc]));
      // Cells that arrived with their row and were not touched since carry the row's version.
      if (base.size < cells.length) {
        const row = (await trx('row_versions').where({ tbl: table, row_id: id }).first('hlc')) as
          { hlc: string } | undefined;
        if (row) for (const [col] of cells) if (!base.has(col)) base.set(col, row.hlc);
      }
      await recordCells(trx, table, id, cells, deps.stamp(), at, base);
      return changed.map(([col]) => col);
    },
    async tombstone(table, id) {
      await this.update(table, id, { deleted_at: at });
    },
    async upsert(table, key, values, newId) {
      const existing = (await trx(table)
        .where(key)
        .whereNull('deleted_at')
        .orderBy('id')
        .first('id')) as { id: string } | undefined;
      if (existing) {
        await this.update(table, existing.id, values);
        return existing.id;
      }
      const id = newId();
      await this.insert(table, { id, ...key, ...values });
      return id;
    },
  };
}
