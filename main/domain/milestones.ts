import { z } from 'zod';
import { idSchema } from './ids';

/** What a milestone covers: a structure's panels, or a list of panels. */
export const milestoneScopeSchema = z
  .object({
    structureId: idSchema.optional(),
    panelIds: z.array(idSchema).min(1).max(5000).optional(),
  })
  .strict()
  .refine((s) => (s.structureId === undefined) !== (s.panelIds === undefined), {
    message: 'a structure or a list of panels',
  });

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
