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
export function describeError(lang: Language, error: AppError | SerializedAppError): string {
  const params = { ...errorParams(error.details) };
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
  return translate(lang, error.messageKey, params);
}

function errorParams(details: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = { ...details };
  if (Array.isArray(details.issues)) {
    params.fields = details.issues
      .map((issue) => {
        const i = issue as { path?: string; message?: string };
        return i.path ? `${i.path} (${i.message ?? ''})` : (i.message ?? '');
      })
      .join('; ');
  }
  return params;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('internal', { reason });
}
