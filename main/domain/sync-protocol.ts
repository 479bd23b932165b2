// The sync wire format, shared by the client (main/sync) and the server. The server stores cells
// without knowing the app's schema, so names are checked for shape only, and values are plain
// JSON scalars.
import { z } from 'zod';
import type { Role } from './roles';

/** Raised when the wire format changes incompatibly; the server refuses clients older than MIN. */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;

export const MAX_PUSH_CHANGES = 1000;

/** Columns every write touches: last writer wins, and two writes to them are no conflict. */
export const AUDIT_COLUMNS: ReadonlySet<string> = new Set([
  'created_at',
  'updated_at',
  'updated_by',
]);
export const MAX_PULL_LIMIT = 5000;
export const MAX_VALUE_LENGTH = 64 * 1024;

const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'not a table or column name');
export const hlcString = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9A-F]{4}-[0-9a-f]{16}$/,
    'not an HLC stamp',
  );
export const clientIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'not a client id');
const rowId = z.string().min(1).max(64);
export const cellValueSchema = z.union([
  z.string().max(MAX_VALUE_LENGTH),
  z.number().refine(Number.isFinite, 'not a finite number'),
  z.boolean(),
  z.null(),
]);
export type CellValue = z.infer<typeof cellValueSchema>;

export const changeSchema = z
  .object({
    op_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    hlc: hlcString,
    tbl: identifier,
    row_id: rowId,
    col: identifier,
    value: cellValueSchema,
    base_hlc: hlcString.nullable(),
    /** Re-sent after the server lost it (restored from a backup): never a conflict. */
    replay: z.boolean().optional(),
  })
  .strict();
export type Change = z.infer<typeof changeSchema>;

export const pushRequestSchema = z
  .object({
    client_id: clientIdSchema,
    schema_version: z.string().max(64),
    changes: z.array(changeSchema).min(1).max(MAX_PUSH_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface RejectedChange {
  op_id: number;
  code: string;
  reason: string;
}

export interface PushResponse {
  acked: number[];
  rejected: RejectedChange[];
  server_time: number;
  max_seq: number;
  epoch: string;
  /**
   * The batch as the server logged it, so that a laptop that had read the project's log up to
   * `after` need not pull its own changes back: the log's place after the batch, and the logged
   * changes that differ from what was sent (an author column the server set, a conflict's ledger
   * rows). Absent when nothing was logged, or when a change did not take (an older server, too).
   */
  own?: {
    after: number;
    through: number;
    changes: ServerChange[];
    authors: Authors;
  };
}

export interface ServerChange {
  seq: number;
  client_id: string;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: CellValue;
  /** Who pushed it, as the server signed them in ('server' for the ledger rows it writes). */
  user_id: string;
}

/**
 * The names of the users a response's changes name (user id → display name), from the server's
 * accounts: a laptop shows these, never a name another laptop wrote. Older servers send none.
 */
export const authorsSchema = z.record(z.string().min(1).max(64), z.string().min(1).max(100));
export type Authors = z.infer<typeof authorsSchema>;

export interface PullResponse {
  changes: ServerChange[];
  authors?: Authors;
  next: number;
  has_more: boolean;
  max_seq: number;
  epoch: string;
  server_time: number;
}

export const pullQuerySchema = z
  .object({
    since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();

/** One row of the current state: its cells, with the row's stamp and the stamps that differ. */
export interface SnapshotRow {
  tbl: string;
  row_id: string;
  hlc: string;
  values: Record<string, CellValue>;
  hlcs?: Record<string, string>;
}

export interface SnapshotResponse {
  /** The log position the snapshot stands for; follow the log from here. */
  as_of: number;
  /** Whole rows, never split between chunks. */
  rows: SnapshotRow[];
  /** Pass back to get the next chunk; null when done. */
  cursor: string | null;
  total: number;
  epoch: string;
}

/**
 * A run of rows of one table with the same columns, in the compact form a fresh laptop asks for
 * (`format=columns`): each row is [row id, row stamp, ...values in `cols` order]; `hlcs` lists
 * the cells whose stamp differs from their row's, as [row index, column index, stamp].
 */
export interface SnapshotGroup {
  tbl: string;
  cols: string[];
  rows: [string, string, ...CellValue[]][];
  hlcs?: [number, number, string][];
}

export interface SnapshotColumnsResponse extends Omit<SnapshotResponse, 'rows'> {
  groups: SnapshotGroup[];
  /** In the first chunk: the names of everyone who has written to the project. */
  authors?: Authors;
}

export const MAX_SNAPSHOT_LIMIT = 50_000;

export const snapshotQuerySchema = z
  .object({
    as_of: z.coerce.number().int().min(0).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_SNAPSHOT_LIMIT).default(5000),
    /** `rows` (a list of rows with named values) or `columns` (SnapshotColumnsResponse). */
    format: z.enum(['rows', 'columns']).default('rows'),
  })
  .strict();

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    device_name: z.string().trim().min(1).max(100),
    /** The laptop's node id, bound to this sign-in: its pushes travel under it and no other. */
    client_id: clientIdSchema.optional(),
    /** The token this laptop held (another user's, on a laptop handed over): its proof. */
    previous_token: z.string().min(1).max(200).optional(),
  })
  .strict();

export { ROLES, type Role } from './roles';

export interface LoginResponse {
  token: string;
  device_id: string;
  user: { id: string; username: string; display_name: string };
  projects: { project_id: string; role: Role }[];
  server_time: number;
}

export interface ClientStateResponse {
  last_op_id: number;
  max_seq: number;
  epoch: string;
}
