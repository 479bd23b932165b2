// Channel names alone, free of dependencies, so the sandboxed preload can bundle the allowlist.
export const CHANNELS = [
  'app:info',
  'project:get',
  'panels:list',
  'panels:get',
  'stages:record',
  'stages:update',
  'stages:delete',
  'today:get',
  'crews:day',
  'crews:range',
  'crews:set',
  'crews:staff',
  'log:save',
  'milestones:list',
  'milestones:set-due',
  'schedule:get',
  'schedule:curve',
  'schedule:set-calendar',
  'schedule:set-plan',
  'import:preview',
  'import:commit',
  'sync:status',
  'sync:connect',
  'sync:now',
  'sync:disconnect',
  'sync:conflicts',
  'sync:rejected',
  'sync:resolve',
  'sheet:preview',
  'sheet:export',
  'sheet:export-range',
  'sheet:state',
  'sheet:submit',
  'sheet:approve',
  'backups:list',
  'backups:create',
  'backups:restore',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
