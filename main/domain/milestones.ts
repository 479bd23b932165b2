/** Scope progress of a milestone and its actual date, derived from the panels' finished days. */
export interface ScopeProgress {
  total: number;
  finished: number;
  /** The day the scope's last panel finished, once every panel has; never typed in. */
  actualDate: string | null;
}

export function scopeProgress(finishedDays: readonly (string | null)[]): ScopeProgress {
  const finished = finishedDays.filter((d): d is string => d !== null);
  const total = finishedDays.length;
  const actualDate =
    total > 0 && finished.length === total ? finished.reduce((a, b) => (a > b ? a : b)) : null;
  return { total, finished: finished.length, actualDate };
}
