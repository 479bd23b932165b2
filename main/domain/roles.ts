// Who may change what: the one rule the sync server applies to every pushed change and the laptop
// applies to every local write, so an engineer offline is refused at once, not later by the server.
import { tableSpec } from './sync-check';
export const ROLES = ['engineer', 'manager', 'viewer', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** A laptop that has never signed in to a server owns its own projects and may do everything. */
export type LocalRole = Role | 'owner';

const MANAGERS: ReadonlySet<LocalRole> = new Set(['manager', 'admin', 'owner']);

export function isManager(role: LocalRole): boolean {
  return MANAGERS.has(role);
}

/**
 * Whether writing `value` into table.column is a manager's right: the project's set-up (its
 * settings and calendar, structures, teams, panels' design, milestones and their histories),
 * approvals and conflict resolutions, as the sync schema names them (sync-schema.ts). Engineers
 * record progress against it.
 */
export function needsManager(table: string, column: string, value: unknown): boolean {
  if (table === 'sheet_revisions' && column === 'status') return value === 'approved';
  const columns = tableSpec(table)?.manager;
  if (!columns) return false;
  return columns === '*' || columns.has(column);
}

/** A supervisor's own table: their signatures, which nobody else may write (sync-schema.ts). */
export function isSupervisorTable(table: string): boolean {
  return tableSpec(table)?.supervisor === true;
}

/**
 * Why `role` may not write this cell, or null when it may. Viewers write nothing; engineers write
 * progress but not the manager's columns above; a supervisor (监理) writes their signatures (and
 * their name) and nothing else, and nobody else writes those (a laptop never signed in owns everything).
 */
export function refusalFor(
  role: LocalRole,
  table: string,
  column: string,
  value: unknown,
): string | null {
  if (role === 'viewer') return `a viewer may not change ${table}`;
  if (isSupervisorTable(table))
    return role === 'supervisor' || role === 'owner'
      ? null
      : `only a supervisor may sign or reject (${table})`;
  // Their name, announced to every laptop, is the one other row a supervisor writes.
  if (role === 'supervisor' && table !== 'people') return `a supervisor may not change ${table}`;
  if (!isManager(role) && needsManager(table, column, value))
    return `${role} may not change ${table}.${column}`;
  return null;
}
