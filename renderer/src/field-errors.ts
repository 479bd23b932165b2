import { AppError } from '../../main/domain/errors';

/**
 * The invalid fields of an input.invalid error, by path, for showing next to each field; with a
 * prefix ("entry."), the fields under it, by the rest of their path.
 */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  if (!(error instanceof AppError) || error.code !== 'input.invalid') return {};
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { path?: string; message?: string }[])
    : [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.path?.startsWith(prefix)) out[issue.path.slice(prefix.length)] = issue.message ?? '';
  }
  return out;
}
