// The browser harness's stand-in for IPC: POST /api/:channel with a JSON body, answered with the
// same envelope the preload returns. Development and tests only, bound to 127.0.0.1 by its callers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, httpStatusOf, type Envelope } from '../domain/errors';
import type { Api } from './contract';
import { dispatch } from './dispatch';

/** The largest channel input: a 50 MB attachment in base64, with room for its other fields. */
export const BRIDGE_BODY_LIMIT = 72 * 1024 * 1024;

function send(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function fail(res: ServerResponse, status: number, error: AppError): void {
  send(res, status, { ok: false, error: error.toJSON() });
}

const ABORTED = Symbol('aborted');

/**
 * A field sent as { $bytes: base64 } (main/domain/bridge-json.ts) becomes bytes again, as IPC would
 * have carried them; the channel's schema then judges them like any other input.
 */
function withBytes(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const fields = Object.entries(input as Record<string, unknown>).map(([k, v]) => {
    const keys = v && typeof v === 'object' ? Object.keys(v) : [];
    const encoded =
      keys.length === 1 && keys[0] === '$bytes' ? (v as { $bytes: unknown }).$bytes : null;
    return [k, typeof encoded === 'string' ? Buffer.from(encoded, 'base64') : v];
  });
  return Object.fromEntries(fields);
}

/** The body as text; null when over the limit; ABORTED when the client went away mid-request. */
function readBody(req: IncomingMessage, limit: number): Promise<string | null | typeof ABORTED> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => !done && resolve(Buffer.concat(chunks).toString('utf8')));
    // A page that reloads mid-request aborts it: that is the client leaving, not a fault.
    req.on('error', () => resolve(ABORTED));
    req.on('aborted', () => resolve(ABORTED));
  });
}

/** A page from another site must not drive the harness: the Origin, when sent, must be ours. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export type Middleware = ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) & {
  /** Resolves when every request under way has been answered (call before closing the database). */
  drain(): Promise<void>;
};

export function createBridgeMiddleware(
  api: Api,
  onUnexpected: (error: unknown) => void = () => {},
): Middleware {
  const inFlight = new Set<Promise<void>>();
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const match = /^\/api\/([^/]+)$/.exec(url.pathname);
    if (!match) return next();
    const work = (async () => {
      if (req.method !== 'POST') {
        return fail(
          res,
          405,
          new AppError('input.invalid', { issues: [{ path: '', message: 'POST only' }] }),
        );
      }
      if (!sameOrigin(req)) return fail(res, 403, new AppError('api.untrusted_sender', {}));
      const type = req.headers['content-type'] ?? '';
      if (!type.toLowerCase().startsWith('application/json')) {
        return fail(
          res,
          415,
          new AppError('input.invalid', {
            issues: [{ path: '', message: 'expected application/json' }],
          }),
        );
      }
      const text = await readBody(req, BRIDGE_BODY_LIMIT);
      if (text === ABORTED) return;
      if (text === null) {
        return fail(
          res,
          413,
          new AppError('input.invalid', { issues: [{ path: '', message: 'body too large' }] }),
        );
      }
      let input: unknown;
      try {
        input = text.trim() === '' ? {} : withBytes(JSON.parse(text));
      } catch {
        return fail(
          res,
          400,
          new AppError('input.invalid', { issues: [{ path: '', message: 'malformed JSON' }] }),
        );
      }
      let channel: string;
      try {
        channel = decodeURIComponent(match[1]!);
      } catch {
        channel = match[1]!;
      }
      const envelope = await dispatch(api, channel, input, onUnexpected);
      const status = envelope.ok ? 200 : httpStatusOf(envelope.error.code);
      send(res, status, envelope);
    })().catch((error: unknown) => {
      onUnexpected(error);
      if (!res.headersSent) fail(res, 500, new AppError('internal', { reason: 'bridge failure' }));
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  return Object.assign(middleware, {
    drain: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  });
}

/** How often an idle event stream sends a comment, so proxies and the browser keep it open. */
const HEARTBEAT_MS = 15_000;

export type EventsMiddleware = ((
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
) => void) & {
  /** Ends every stream open (before the server closes). */
  close(): void;
};

/**
 * The harness's stand-in for the changes event: GET /api-events, a server-sent event stream with
 * one `data:` line per announcement (the changed tables as JSON).
 */
export function createEventsMiddleware(changes: {
  subscribe(listener: (tables: string[]) => void): () => void;
}): EventsMiddleware {
  const open = new Set<() => void>();
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (new URL(req.url ?? '/', 'http://bridge').pathname !== '/api-events') return next();
    if (req.method !== 'GET') {
      const issues = [{ path: '', message: 'GET only' }];
      return fail(res, 405, new AppError('input.invalid', { issues }));
    }
    if (!sameOrigin(req)) return fail(res, 403, new AppError('api.untrusted_sender', {}));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.write(': open\n\n');
    const unsubscribe = changes.subscribe((tables) =>
      res.write(`data: ${JSON.stringify(tables)}\n\n`),
    );
    const heartbeat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(stop);
      res.end();
    };
    open.add(stop);
    req.on('close', stop);
  };
  return Object.assign(middleware, { close: () => [...open].forEach((stop) => stop()) });
}
