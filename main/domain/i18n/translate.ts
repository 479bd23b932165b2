// A small translator over MESSAGES for code without i18next (CLI, server logs). The renderer uses
// i18next over the same resources, with keySeparator '.', so both resolve keys identically.
import { AppError, type SerializedAppError } from '../errors';
import { MESSAGES, type Language } from './messages';

function lookup(tree: unknown, key: string): string | undefined {
  // Error keys contain dots inside one segment ('errors.db.locked'), so try the longest
  // matching segment at each level.
  if (typeof tree === 'string') return key === '' ? tree : undefined;
  if (typeof tree !== 'object' || tree === null) return undefined;
  const node = tree as Record<string, unknown>;
  if (key in node && typeof node[key] === 'string') return node[key] as string;
  const parts = key.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = parts.slice(0, i).join('.');
    if (head in node) {
      const found = lookup(node[head], parts.slice(i).join('.'));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

export function translate(
  lang: Language,
  key: string,
  params: Record<string, unknown> = {},
): string {
  const template = lookup(MESSAGES[lang], key) ?? lookup(MESSAGES.en, key);
  return template === undefined ? key : interpolate(template, params);
}

/** The sentence a user sees for an error; details are flattened into the message's parameters. */
/** What is wrong with one field, in the user's language (no field path, no zod text). */
export function describeIssue(lang: Language, issue: unknown): string {
  const i = (issue ?? {}) as { key?: unknown; params?: unknown };
  const key = typeof i.key === 'string' && i.key.startsWith('issues.') ? i.key : 'issues.invalid';
  const params = typeof i.params === 'object' && i.params !== null ? i.params : {};
  return translate(lang, key, params as Record<string, unknown>);
}

/** A field's name as forms label it, from the last part of an issue's path; null when unknown. */
function fieldName(lang: Language, path: unknown): string | null {
  const last = typeof path === 'string' ? path.split('.').pop() : undefined;
  if (!last) return null;
  for (const group of ['fieldNames', 'measurements']) {
    const found = lookup(MESSAGES[lang], `${group}.${last}`);
    if (found !== undefined) return found;
  }
  return null;
}

/** Every issue of an input.invalid error as "field: what is wrong", in the user's language. */
function describeIssues(lang: Language, issues: unknown[]): string {
  const [colon, between] = lang === 'zh-CN' ? ['：', '；'] : [': ', '; '];
  return issues
    .map((issue) => {
      const path = (issue as { path?: unknown })?.path;
      // A place in a file the person gave (structures.0.panels.1.code) is worth its path.
      const inFile = typeof path === 'string' && /(^|\.)\d+(\.|$)/.test(path);
      const name = inFile ? path : fieldName(lang, path);
      return `${name ? name + colon : ''}${describeIssue(lang, issue)}`;
    })
    .join(between);
}

export function describeError(lang: Language, error: AppError | SerializedAppError): string {
  const params: Record<string, unknown> = { ...error.details };
  // Each field's problem by its message key: no field paths, no zod text.
  if (Array.isArray(error.details.issues))
    params.fields = describeIssues(lang, error.details.issues);
  if (
    (error.code === 'not_found' || error.code === 'setup.has_history') &&
    typeof params.entity === 'string'
  ) {
    params.entity = translate(lang, `entities.${params.entity}`);
  }
  for (const key of ['stage', 'expected', 'current']) {
    if (typeof params[key] === 'string')
      params[`${key}Label`] = translate(lang, `stages.${params[key]}`);
  }
  if (typeof params.role === 'string') {
    const key = `sync.roles.${params.role}`;
    const label = translate(lang, key);
    params.roleLabel = label === key ? params.role : label;
  }
  if (typeof params.kind === 'string')
    params.kindLabel = translate(lang, `inspections.kinds.${params.kind}`);
  if (typeof params.why === 'string')
    params.whyLabel = translate(lang, `inspections.undoWhy.${params.why}`);
  if (typeof params.point === 'string')
    params.pointLabel = translate(lang, `acceptances.points.${params.point}`);
  // A refused file's reason in the user's language (the English one stays for logs).
  if (error.code === 'attachment.refused' && typeof params.refusal === 'string') {
    const key = `attachmentRefusals.${params.refusal}`;
    const said = translate(lang, key, params);
    if (said !== key) params.reason = said;
  }
  return translate(lang, error.messageKey, params);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('internal', { reason });
}
