// Parsing untrusted input with a zod schema: the value, or the typed `input.invalid` error whose
// issues name each field (the same for IPC, the HTTP bridge and the sync server).
import type { z } from 'zod';
import { AppError } from './errors';

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('input.invalid', {
    issues: result.error.issues.slice(0, 20).map((issue) => ({
      path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}
