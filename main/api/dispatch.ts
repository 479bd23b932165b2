import { type z } from 'zod';
import { collectingChanges } from '../../db/changes';
import { parseOrThrow } from '../domain/validation';
import { AppError, type Envelope } from '../domain/errors';
import { toAppError } from '../domain/i18n/translate';
import { isChannel } from './channels';
import { inputSchemas, type Api, type Channel, type ParsedInput, type Results } from './contract';

export type Implementation = { [K in Channel]: (input: ParsedInput<K>) => Promise<Results[K]> };

/** Wraps implementations so that each handler takes unknown input and parses it with its schema. */
export function defineHandlers(impl: Implementation): Api {
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(inputSchemas) as Channel[]) {
    const schema = inputSchemas[channel] as z.ZodType;
    const fn = impl[channel] as (input: unknown) => Promise<unknown>;
    api[channel] = async (input: unknown) =>
      fn(parseInput(schema, input === undefined ? {} : input));
  }
  return api as Api;
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  return parseOrThrow(schema, input);
}

/** Runs a channel and turns every outcome into an envelope; nothing is thrown past here. */
export async function dispatch(
  api: Api,
  channel: unknown,
  input: unknown,
  onUnexpected: (error: unknown) => void = () => {},
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
    return { ok: false, error: new AppError('api.unknown_channel', { channel: name }).toJSON() };
  }
  const run = api[channel] as (input: unknown) => Promise<unknown>;
  const { outcome, changed } = await collectingChanges(() => run(input));
  const named = changed.length ? { changed } : {};
  if (outcome.status === 'fulfilled') return { ok: true, value: outcome.value, ...named };
  const error: unknown = outcome.reason;
  if (!(error instanceof AppError)) onUnexpected(error);
  return { ok: false, error: toAppError(error).toJSON(), ...named };
}
