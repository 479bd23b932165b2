// The merge decisions of sync, pure and shared by the laptop and the server: which write wins a
// cell, when a write overwrote a value its author had not seen, and what the ledger records then.
import { AUDIT_COLUMNS, type CellValue } from './sync-protocol';

/**
 * Last writer wins: a write replaces the cell's value when its stamp is newer. HLC strings order
 * by time, then counter, then node, so the order is total and every replica picks the same one.
 */
export function replaces(incoming: string, current: string | null | undefined): boolean {
  return !current || incoming > current;
}

/** A cell as the server holds it: the value as JSON text, its stamp and its author. */
export interface HeldCell {
  value: string | null;
  hlc: string;
  client_id: string;
  user_id: string;
}

export interface IncomingWrite {
  hlc: string;
  col: string;
  /** The value as JSON text. */
  value: string;
  /** The version of the cell its author saw. */
  base_hlc: string | null;
  replay?: boolean | undefined;
}

/**
 * Whether a write overwrote (or lost to) a value its author had not seen: a concurrent edit, for
 * the conflict ledger. Replays, audit columns, a laptop's own earlier value and an identical value
 * are not conflicts.
 */
export function overwritesUnseen(
  write: IncomingWrite,
  current: HeldCell | null,
  clientId: string,
): current is HeldCell {
  return (
    !write.replay &&
    !AUDIT_COLUMNS.has(write.col) &&
    current !== null &&
    current.hlc !== write.hlc &&
    current.value !== write.value &&
    write.base_hlc !== current.hlc &&
    current.client_id !== clientId
  );
}

export interface LedgerSide {
  value: string | null;
  hlc: string;
  by: string;
}

/** The ledger row's cells for a concurrent edit: the standing value, and the one that lost. */
export function ledgerCells(
  target: { projectId: string; tbl: string; rowId: string; col: string },
  incoming: LedgerSide,
  previous: LedgerSide,
  at: string,
): [string, CellValue][] {
  const [kept, lost] = replaces(incoming.hlc, previous.hlc)
    ? [incoming, previous]
    : [previous, incoming];
  return [
    ['project_id', target.projectId],
    ['target_tbl', target.tbl],
    ['target_row', target.rowId],
    ['target_col', target.col],
    ['kept_value', kept.value],
    ['kept_hlc', kept.hlc],
    ['kept_by', kept.by],
    ['lost_value', lost.value],
    ['lost_hlc', lost.hlc],
    ['lost_by', lost.by],
    ['detected_at', at],
    ['created_at', at],
    ['updated_at', at],
    ['updated_by', 'server'],
  ];
}
