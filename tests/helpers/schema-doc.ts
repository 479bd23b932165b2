// docs/sync-schema.md, rendered from the one sync schema (main/domain/sync-schema.ts): what each
// synced column holds, its limits, and who writes it. A test keeps the file current.
import { needsManager } from '../../main/domain/roles';
import { SYNC_SCHEMA, type ColumnSpec, type TableSpec } from '../../main/domain/sync-schema';

const number = (n: number) => n.toLocaleString('en');

/** The schema's patterns, in words. */
const PATTERNS: Record<string, string> = {
  [String.raw`^\d{4}-\d{2}-\d{2}$`]: 'a day, yyyy-MM-dd',
  [String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$`]:
    'a time, ISO 8601',
  [String.raw`^[0-9a-f]{64}$`]: 'a SHA-256, in hex',
};
const AUDIT = ['created_at', 'updated_at', 'updated_by', 'deleted_at'];

function limits(spec: ColumnSpec): string {
  const out: string[] = [];
  if (spec.values) out.push(spec.values.map((v) => `\`${v}\``).join(', '));
  if (spec.min !== undefined && spec.upper !== undefined)
    out.push(`${number(spec.min)} to ${number(spec.upper)}`);
  if (spec.max !== undefined)
    out.push(`at most ${number(spec.max)} characters${spec.type === 'json' ? ' of JSON' : ''}`);
  if (spec.pattern) out.push(PATTERNS[spec.pattern.source] ?? `matches \`${spec.pattern.source}\``);
  return out.join('; ');
}

function writer(spec: ColumnSpec, name: string, tableName: string, table: TableSpec): string {
  if (spec.author) return `the server (the signed-in user's ${spec.author})`;
  if (table.supervisor) return 'a supervisor';
  if (table.manager === '*' || table.manager.has(name)) return 'a manager';
  // A value only a manager may write (roles.ts: needsManager).
  const managers = (spec.values ?? []).filter((v) => needsManager(tableName, name, v));
  if (managers.length) return `an engineer or a manager; ${managers.join(', ')}: a manager`;
  return 'an engineer or a manager';
}

export function renderSchemaDoc(): string {
  const lines = [
    '# The sync schema',
    '',
    'Generated from `main/domain/sync-schema.ts` (a test fails when this file is out of date;',
    '`UPDATE_DOCS=1 npx vitest run tests/integration/db/sync-schema-doc.test.ts` rewrites it).',
    'A viewer writes nothing; a supervisor writes `acceptances` (and their name in `people`) only.',
    'The server refuses a change that breaks a line below (`sync.invalid_value`,',
    '`sync.unknown_column`, `auth.forbidden`); a laptop sets such a value aside when it pulls one.',
    "Every change also counts against its project's storage quota. Every table has the audit",
    'columns of `projects` below (`created_at`, `updated_at`, `updated_by`, `deleted_at`); only',
    '`projects` lists them.',
  ];
  for (const [name, table] of Object.entries(SYNC_SCHEMA) as [string, TableSpec][]) {
    if (table.localOnly) continue;
    lines.push('', `## ${name}`, '');
    if (table.appendOnly)
      lines.push(
        `Append-only: once the server holds a row, it refuses any change to it and its deletion, but to ${table.appendOnly.movable.map((c) => `\`${c}\``).join(', ')} (references a merge re-points).`,
        '',
      );
    lines.push('| column | type | empty allowed | limits | written by |');
    lines.push('| --- | --- | --- | --- | --- |');
    for (const [col, spec] of Object.entries(table.columns))
      if (!AUDIT.includes(col) || name === 'projects')
        lines.push(
          `| ${col} | ${spec.type} | ${spec.nullable ? 'yes' : 'no'} | ${limits(spec)} | ${writer(spec, col, name, table)} |`,
        );
  }
  return `${lines.join('\n')}\n`;
}
