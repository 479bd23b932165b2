/** A concurrent overwrite the server detected: both values, both authors, both times. */
export interface Conflict {
  id: string;
  table: string;
  rowId: string;
  column: string;
  /** What a person can recognise the row by (a panel code, a day), when it can be found. */
  rowLabel: string | null;
  kept: { value: unknown; by: string; at: string };
  lost: { value: unknown; by: string; at: string };
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'kept' | 'lost' | null;
}
