import i18next from 'i18next';
import { AppError } from '../../../main/domain/errors';
import { isLanguage } from '../../../main/domain/i18n/messages';
import { describeIssue } from '../../../main/domain/i18n/translate';

/**
 * The invalid fields of an input.invalid error, by path, each with what is wrong in the user's
 * language (by its message key), for showing next to each field; with a prefix ("entry."), the
 * fields under it, by the rest of their path.
 */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  if (!(error instanceof AppError) || error.code !== 'input.invalid') return {};
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { path?: string }[])
    : [];
  const lang = isLanguage(i18next.language) ? i18next.language : 'en';
  const out: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.path?.startsWith(prefix))
      out[issue.path.slice(prefix.length)] = describeIssue(lang, issue);
  }
  return out;
}
