// Parsing untrusted input with a zod schema: the value, or the typed `input.invalid` error whose
// issues name each field (the same for IPC, the HTTP bridge and the sync server). Each issue has a
// message key and its parameters (`issues.*` in the messages), so that a screen says what is wrong
// in the user's language, next to the field; its English `message` is for logs and the CLI.
import type { z } from 'zod';
import { AppError } from './errors';

export interface Issue {
  path: string;
  code: string;
  message: string;
  key: string;
  params?: Record<string, string | number>;
}

type ZodIssue = z.core.$ZodIssue;

const isSize = (origin: unknown) => origin === 'array' || origin === 'set' || origin === 'map';

/** The message key of a zod issue, and what it needs to be said. */
function keyOf(issue: ZodIssue): Pick<Issue, 'key' | 'params'> {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { key: 'issues.required' } : { key: 'issues.tooShort', params: { min } };
      if (isSize(issue.origin)) return { key: 'issues.tooFew', params: { min } };
      return { key: issue.inclusive ? 'issues.min' : 'issues.above', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'issues.tooLong', params: { max } };
      if (isSize(issue.origin)) return { key: 'issues.tooMany', params: { max } };
      return { key: issue.inclusive ? 'issues.max' : 'issues.below', params: { max } };
    }
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return { key: 'issues.required' };
      if (issue.expected === 'int') return { key: 'issues.whole' };
      if (issue.expected === 'number') return { key: 'issues.number' };
      return { key: 'issues.invalid' };
    case 'invalid_value':
      return { key: 'issues.choice' };
    case 'invalid_format':
      return { key: 'issues.format' };
    case 'not_multiple_of':
      return { key: 'issues.step', params: { step: Number(issue.divisor) } };
    case 'unrecognized_keys':
      return { key: 'issues.unknownField' };
    case 'custom': {
      // A rule of the domain's own names its message key: params.key (and the values it needs).
      const { key, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      return typeof key === 'string' && key.startsWith('issues.')
        ? { key, ...(Object.keys(params).length ? { params } : {}) }
        : { key: 'issues.invalid' };
    }
    default:
      return { key: 'issues.invalid' };
  }
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('input.invalid', {
    issues: result.error.issues.slice(0, 20).map((issue): Issue => ({
      path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
      ...keyOf(issue),
    })),
  });
}

/** An issue a service finds itself (a code in use, a shift over its hours), with its key. */
export function issue(
  path: string,
  key: string,
  message: string,
  params?: Record<string, string | number>,
): Issue {
  return { path, code: 'custom', message, key, ...(params ? { params } : {}) };
}

/** The `input.invalid` error of issues a service found. */
export const invalid = (...issues: Issue[]) => new AppError('input.invalid', { issues });
