import type { AppError } from '../../main/domain/errors';

/** The AppError a pure rule throws, or null when it lets the case through. */
export function refusal(fn: () => void): AppError | null {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  return null;
}
