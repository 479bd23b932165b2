// How a feature declares its channels: each one once, with its input schema and its result type.
// The API's channel list, input schemas, result types and the preload's allowlist are all derived
// from these declarations (main/api/contract.ts). This file and every feature's contract.ts are
// pure (zod and main/domain only), so the sandboxed preload can bundle them.
import { z } from 'zod';

/** One channel: the schema its input must pass, and (as a type only) what it returns. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  /** Never set: carries the result type. */
  readonly result?: R;
}

/** Declares a channel: `channel(schema).returns<Result>()`. */
export function channel<I extends z.ZodType>(input: I) {
  return { returns: <R>(): ChannelSpec<I, R> => ({ input }) };
}

export type FeatureContract = Record<string, ChannelSpec>;

export type ResultOf<S> = S extends ChannelSpec<z.ZodType, infer R> ? R : never;

/** What a feature's handlers must provide: one function per channel, taking the parsed input. */
export type Handlers<C extends FeatureContract> = {
  [K in keyof C]: (input: z.output<C[K]['input']>) => Promise<ResultOf<C[K]>>;
};

/** Free text from a form: trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max);

/**
 * A file as the renderer read it, in base64, of at most `maxChars` characters. Checked by one
 * search for a character outside the alphabet (a photo's 10 MB took 58 ms by a whole-string
 * pattern, on the main process, for every photo of a folder), then the padding's place.
 */
export const base64Text = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .refine((s) => {
      if (/[^A-Za-z0-9+/=]/.test(s)) return false;
      const pad = s.indexOf('=');
      return pad < 0 || (pad >= s.length - 2 && s.endsWith('='.repeat(s.length - pad)));
    }, 'expected base64');
