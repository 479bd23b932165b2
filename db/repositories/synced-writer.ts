// The one way synced tables are written. Each write changes the data and, in the same
// transaction, appends one outbox row per changed cell (a trigger records the cell's new version),
// so a crash can never leave data without its outbox entry or the other way round.
import type { Knex } from 'knex';
import { AppError } from '../../main/domain/errors';
import {
  MUTABLE_KEYS,
  NATURAL_KEYS,
  naturalId,
  type NaturalTable,
} from '../../main/domain/natural-keys';
import { refusalFor, type LocalRole } from '../../main/domain/roles';
import { checkCell } from '../../main/domain/sync-check';
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
  'people',
  'panel_changes',
  'machines',
  'machine_shifts',
  'material_entries',
  'team_aliases',
  'attendance_imports',
  'attachments',
  'acceptances',
  'inspections',
  'corrections',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** The laptop's own identity rows: written like the others, never pushed (the server owns accounts). */
export const LOCAL_ONLY_TABLES: ReadonlySet<string> = new Set(['users', 'devices']);

const AUDIT = new Set(['id', 'created_at']);

export interface SyncedWriter {
  /** The transaction, for reads that must see this write's own changes. */
  readonly trx: Knex.Transaction;
  readonly at: string;
  /** The tables this write has changed so far (open screens read them again after it). */
  readonly touched: ReadonlySet<SyncedTable>;
  insert(table: SyncedTable, row: Row & { id: string }): Promise<void>;
  /**
   * Writes only the columns whose value differs; returns their names. `seen` gives, per column,
   * the version the editor saw (null: it saw none), so an overwrite of a value they never saw is
   * caught as a conflict; a column it does not name is taken as seen at its current version.
   */
  update(table: SyncedTable, id: string, changes: Row, seen?: Seen): Promise<string[]>;
  tombstone(table: SyncedTable, id: string): Promise<void>;
  /**
   * Writes the row whose natural key is `key` (project_id and the key columns): the row with the
   * natural id, live or tombstoned (brought back), else a live row of that key made before ids
   * were natural, else a new row with the natural id. Two laptops so make the same row.
   */
  upsert(table: NaturalTable, key: Row, values: Row, seen?: Seen): Promise<string>;
}

interface Current {
  row: Row;
  cells: Map<string, string>;
  rowVersion: string | null;
}

/** Per column, the version of the value the editor saw when they started editing. */
export type Seen = Readonly<Record<string, string | null>>;

export interface WriterDeps {
  /** A new HLC stamp; one per write call, shared by the cells it changes. */
  stamp: () => string;
  actor: string;
  now: () => Date;
  /** The role writes are checked against (DESIGN.md: a manager's rights hold offline too). */
  role: () => LocalRole;
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

interface WriteScope {
  trx: Knex.Transaction;
  /** The time every row of this write is stamped with. */
  at: string;
  deps: WriterDeps;
  /** Refuses, before anything is written, a cell the role may not write. */
  authorize: (table: SyncedTable, cells: [string, unknown][]) => void;
  touched: Set<SyncedTable>;
}

const authorizer =
  (deps: WriterDeps): WriteScope['authorize'] =>
  (table, cells) => {
    if (LOCAL_ONLY_TABLES.has(table)) return;
    const role = deps.role();
    for (const [col, value] of cells) {
      const reason = refusalFor(role, table, col, value);
      if (reason) throw new AppError('auth.forbidden', { role, table, column: col });
      // The sync schema the server judges by: what it would refuse is never written here.
      const refused = col === 'id' ? null : checkCell(table, col, value);
      if (refused)
        throw new AppError('input.invalid', {
          issues: [{ path: `${table}.${col}`, message: refused.reason }],
        });
    }
  };

export function createSyncedWriter(trx: Knex.Transaction, deps: WriterDeps): SyncedWriter {
  const at = deps.now().toISOString();
  const scope: WriteScope = { trx, at, deps, authorize: authorizer(deps), touched: new Set() };
  const { authorize, touched } = scope;
  return {
    trx,
    at,
    touched,
    async insert(table, row) {
      const full: Row = {
        ...row,
        created_at: at,
        updated_at: at,
        updated_by: deps.actor,
        deleted_at: null,
      };
      authorize(
        table,
        Object.entries(row).filter(([, value]) => value !== null),
      );
      await trx(table).insert(full);
      touched.add(table);
      // A new row's cells have no base version; null cells need no change record.
      const cells = Object.entries(full).filter(([col, value]) => col !== 'id' && value !== null);
      await recordCells(trx, table, row.id, cells, deps.stamp(), at, new Map());
    },
    async update(table, id, changes, seen = {}) {
      const current = await readWithVersions(trx, table, 'id = ?', [id]);
      if (!current) throw new Error(`${table} ${id} does not exist`);
      return updateRow(scope, table, current, changes, seen);
    },
    async tombstone(table, id) {
      await this.update(table, id, { deleted_at: at });
    },
    async upsert(table, key, values, seen) {
      const keyValues = NATURAL_KEYS[table].map((c) => key[c] ?? '');
      let id = naturalId(String(key.project_id), table, keyValues);
      // One read finds the natural row (live or not) or, failing that, a live row of the key
      // made before ids were natural.
      const keyMatch = Object.keys(key)
        .map((c) => `${c} = ?`)
        .join(' AND ');
      const mutable = MUTABLE_KEYS.has(table);
      const found = await readWithVersions(
        trx,
        table,
        // A key that can change (a panel's code): the natural row counts only while it still
        // holds the key it was made with.
        mutable
          ? `${keyMatch} AND (deleted_at IS NULL OR id = ?)`
          : `id = ? OR (${keyMatch} AND deleted_at IS NULL)`,
        mutable ? [...Object.values(key), id] : [id, ...Object.values(key)],
        [id],
      );
      if (found) {
        const revive = found.row.id === id && found.row.deleted_at !== null;
        await updateRow(
          scope,
          table,
          found,
          revive ? { ...values, deleted_at: null } : values,
          seen,
        );
        return String(found.row.id);
      }
      // The natural id is held by a row that has since changed its key (a renamed panel): the
      // new row's id is derived from both, as every laptop's merge derives it.
      if (mutable && (await trx(table).where({ id }).first('id')))
        id = naturalId(String(key.project_id), table, [...keyValues, id]);
      await this.insert(table, { id, ...key, ...values });
      return id;
    },
  };
}

/**
 * The row to update and, in the same statement, the versions of its cells (a cell's own, and
 * the row's for cells that arrived with it): the write path stays one read long.
 */
async function readWithVersions(
  trx: Knex.Transaction,
  table: SyncedTable,
  where: string,
  bindings: (string | number | null)[],
  preferId: string[] = [],
): Promise<Current | undefined> {
  const rows = (await trx.raw(
    `SELECT t.*,
       (SELECT json_group_object(col, hlc) FROM cell_versions v
         WHERE v.tbl = ? AND v.row_id = t.id) AS "__cells",
       (SELECT hlc FROM row_versions r WHERE r.tbl = ? AND r.row_id = t.id) AS "__row"
     FROM ${table} t WHERE ${where}
     ORDER BY ${preferId.length ? 't.id = ? DESC, ' : ''}t.id LIMIT 1`,
    [table, table, ...bindings, ...preferId],
  )) as (Row & { __cells: string | null; __row: string | null })[];
  const found = rows[0];
  if (!found) return undefined;
  const { __cells, __row, ...row } = found;
  return {
    row,
    cells: new Map(Object.entries(JSON.parse(__cells ?? '{}') as Record<string, string>)),
    rowVersion: __row,
  };
}

async function updateRow(
  scope: WriteScope,
  table: SyncedTable,
  { row: current, cells: own, rowVersion }: Current,
  changes: Row,
  seen: Seen = {},
): Promise<string[]> {
  const { trx, at, deps } = scope;
  const id = String(current.id);
  const changed = Object.entries(changes).filter(
    ([col, value]) => !AUDIT.has(col) && (current[col] ?? null) !== (value ?? null),
  );
  if (changed.length === 0) return [];
  scope.authorize(table, changed);
  const cells: [string, unknown][] = [...changed, ['updated_at', at], ['updated_by', deps.actor]];
  await trx(table).where({ id }).update(Object.fromEntries(cells));
  scope.touched.add(table);
  const base = new Map<string, string>();
  for (const [col] of cells) {
    const version = own.get(col) ?? rowVersion;
    if (version) base.set(col, version);
  }
  for (const [col, hlc] of Object.entries(seen)) {
    if (hlc === null) base.delete(col);
    else base.set(col, hlc);
  }
  await recordCells(trx, table, id, cells, deps.stamp(), at, base);
  return changed.map(([col]) => col);
}
