// The laptop's side of the sync API. Every failure becomes an AppError a person can act on: the
// server cannot be reached, the sign-in is wrong or revoked, the laptop's clock is wrong.
import { AppError, isSerializedAppError } from '../domain/errors';
import {
  PROTOCOL_VERSION,
  type ClientStateResponse,
  type LoginResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SnapshotColumnsResponse,
} from '../domain/sync-protocol';

export type Fetch = typeof fetch;

export interface SyncHttpOptions {
  baseUrl: string;
  token: string | null;
  schemaVersion: string;
  fetch?: Fetch;
  timeoutMs?: number;
}

export class SyncHttp {
  private readonly fetchFn: Fetch;

  constructor(private readonly options: SyncHttpOptions) {
    this.fetchFn = options.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  private headers(json: boolean): Record<string, string> {
    return {
      'x-haitai-protocol': String(PROTOCOL_VERSION),
      'x-haitai-schema': this.options.schemaVersion,
      ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
    };
  }

  /**
   * A JSON request. It gives up when nothing has come for `timeoutMs` (30 s): until the answer
   * starts, then between its pieces. A slow link that keeps sending is not cut off, so a snapshot
   * chunk comes through at any speed; a connection that has died is. An answer cut off mid-way
   * is `sync.unreachable`, never a success with nothing in it.
   */
  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    const stall = new StallTimer(this.options.timeoutMs ?? 30_000);
    const unreachable = (error: unknown) =>
      new AppError('sync.unreachable', {
        url: this.options.baseUrl,
        reason: stall.fired ?? (error instanceof Error ? error.message : String(error)),
      });
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.fetchFn(new URL(path, this.options.baseUrl), {
          method,
          headers: this.headers(body !== undefined),
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: signal ? AbortSignal.any([signal, stall.signal]) : stall.signal,
        });
        text = await readText(response, stall);
      } catch (error) {
        throw unreachable(error);
      }
      if (response.ok) {
        try {
          return (text === '' ? null : JSON.parse(text)) as T;
        } catch (error) {
          throw unreachable(error);
        }
      }
      const payload = parseOrNull(text);
      const error = (payload as { error?: unknown } | null)?.error;
      if (isSerializedAppError(error)) throw AppError.fromJSON(error);
      throw new AppError('sync.server_error', { status: response.status });
    } finally {
      stall.stop();
    }
  }

  /**
   * A request whose body or answer is bytes (attachments' files). Returns the response of a
   * success, its body still to be read; a failure throws like `request`. Like `request`, it gives
   * up only when nothing moves for `timeoutMs` (30 s): no piece of the body taken by the link, no
   * piece of the answer come. A file on a slow link that keeps moving is never cut off.
   */
  async binary(
    method: 'GET' | 'PUT',
    path: string,
    body?: Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const stall = new StallTimer(this.options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          ...this.headers(false),
          ...(body ? { 'content-type': 'application/octet-stream' } : {}),
          ...headers,
        },
        ...(body ? { body: sending(body, stall), duplex: 'half' } : {}),
        signal: stall.signal,
      } as RequestInit);
    } catch (error) {
      stall.stop();
      throw new AppError('sync.unreachable', {
        url: this.options.baseUrl,
        reason: stall.fired ?? (error instanceof Error ? error.message : String(error)),
      });
    }
    if (response.ok) return receiving(response, stall);
    const payload: unknown = await response.json().catch(() => null);
    stall.stop();
    const error = (payload as { error?: unknown } | null)?.error;
    if (isSerializedAppError(error)) throw AppError.fromJSON(error);
    throw new AppError('sync.server_error', { status: response.status });
  }

  login(
    username: string,
    password: string,
    deviceName: string,
    clientId: string,
    previousToken: string | null,
  ): Promise<LoginResponse> {
    return this.request('POST', '/auth/login', {
      username,
      password,
      device_name: deviceName,
      client_id: clientId,
      ...(previousToken ? { previous_token: previousToken } : {}),
    });
  }

  /** A new token for this device (the one in use stays good until the new one is first used). */
  rotateToken(): Promise<{ token: string }> {
    return this.request('POST', '/auth/rotate', {});
  }

  /** Ends this device's token on the server. */
  signOut(): Promise<{ signed_out: boolean }> {
    return this.request('POST', '/auth/signout', {});
  }

  /** Publishes a project (a manager's act): the server takes its changes from now on. */
  publish(projectId: string): Promise<{ published_by: string; published_at: string }> {
    return this.request('POST', `/projects/${projectId}/publish`, {});
  }

  me(): Promise<{
    user: { id: string; username: string; display_name: string };
    projects: { project_id: string; role: string }[];
    visible: string[];
  }> {
    return this.request('GET', '/me');
  }

  push(projectId: string, body: PushRequest): Promise<PushResponse> {
    return this.request('POST', `/projects/${projectId}/push`, body);
  }

  pull(projectId: string, since: number, limit: number): Promise<PullResponse> {
    return this.request('GET', `/projects/${projectId}/changes?since=${since}&limit=${limit}`);
  }

  snapshot(
    projectId: string,
    asOf: number | null,
    cursor: string | null,
    limit: number,
  ): Promise<SnapshotColumnsResponse> {
    const query = new URLSearchParams({ limit: String(limit), format: 'columns' });
    if (asOf !== null) query.set('as_of', String(asOf));
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `/projects/${projectId}/snapshot?${query}`);
  }

  clientState(projectId: string, clientId: string): Promise<ClientStateResponse> {
    return this.request('GET', `/projects/${projectId}/clients/${clientId}`);
  }

  /**
   * Follows the server's event stream, calling onChange for each append, until the signal aborts
   * or the connection drops (then it resolves, and the caller reconnects with backoff).
   */
  async listen(
    projectId: string,
    onChange: (maxSeq: number) => void,
    signal: AbortSignal,
  ): Promise<void> {
    let response: Response;
    try {
      response = await this.fetchFn(
        new URL(`/projects/${projectId}/events`, this.options.baseUrl),
        { headers: this.headers(false), signal },
      );
    } catch {
      return;
    }
    if (!response.ok || !response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            const parsed = JSON.parse(data.slice(6)) as { max_seq?: number };
            if (typeof parsed.max_seq === 'number') onChange(parsed.max_seq);
          }
        }
      }
    } catch {
      return;
    }
  }
}

/** Aborts when `ms` pass without `kick()`: a connection that has stopped sending. */
class StallTimer {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Why it fired, for the error a person reads. */
  fired: string | undefined;

  constructor(private readonly ms: number) {
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Puts the timer back: its allowance (and `graceMs` more) without anything moving, it fires. */
  kick(graceMs = 0): void {
    clearTimeout(this.timer);
    const ms = this.ms + graceMs;
    this.timer = setTimeout(() => {
      this.fired = `nothing came from the server for ${Math.round(ms / 1000)} s`;
      this.controller.abort(new Error(this.fired));
    }, ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** The slowest link a site has that still moves: 128 kbit/s. */
const SLOWEST_LINK_BYTES_PER_S = 16 * 1024;
/** What a socket's send buffer may hold at most (Linux's largest by default). */
const SEND_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * A request's bytes as a stream, each piece the link takes putting the stall timer back. Once the
 * last piece is taken, its bytes may still wait in the socket's buffer, sent at the link's pace
 * with nothing for the timer to see: the answer is then given the time those bytes take on the
 * slowest link, on top (a megabyte piece: about a minute).
 */
function sending(bytes: Uint8Array, stall: StallTimer): ReadableStream<Uint8Array> {
  const PIECE = 64 * 1024;
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        const buffered = Math.min(bytes.length, SEND_BUFFER_BYTES);
        stall.kick((buffered / SLOWEST_LINK_BYTES_PER_S) * 1000);
        return controller.close();
      }
      stall.kick();
      controller.enqueue(bytes.subarray(at, at + PIECE));
      at += PIECE;
    },
  });
}

/** The response with its body read through the stall timer, stopped once the body is done. */
function receiving(response: Response, stall: StallTimer): Response {
  if (!response.body) {
    stall.stop();
    return response;
  }
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(piece, controller) {
        stall.kick();
        controller.enqueue(piece);
      },
      flush() {
        stall.stop();
      },
    }),
  );
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

/** The answer's body as text, each piece that comes putting the stall timer back. */
async function readText(response: Response, stall: StallTimer): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const pieces: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    stall.kick();
    pieces.push(value);
  }
  return Buffer.concat(pieces).toString('utf8');
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
