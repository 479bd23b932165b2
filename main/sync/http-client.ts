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

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    let response: Response;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      response = await this.fetchFn(new URL(path, this.options.baseUrl), {
        method,
        headers: this.headers(body !== undefined),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new AppError('sync.unreachable', {
        url: this.options.baseUrl,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) return payload as T;
    const error = (payload as { error?: unknown } | null)?.error;
    if (isSerializedAppError(error)) throw AppError.fromJSON(error);
    throw new AppError('sync.server_error', { status: response.status });
  }

  /**
   * A request whose body or answer is bytes (attachments' files). Returns the response of a
   * success; a failure throws like `request`.
   */
  async binary(
    method: 'GET' | 'PUT',
    path: string,
    body?: Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          ...this.headers(false),
          ...(body ? { 'content-type': 'application/octet-stream' } : {}),
          ...headers,
        },
        ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
    } catch (error) {
      throw new AppError('sync.unreachable', {
        url: this.options.baseUrl,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    if (response.ok) return response;
    const payload: unknown = await response.json().catch(() => null);
    const error = (payload as { error?: unknown } | null)?.error;
    if (isSerializedAppError(error)) throw AppError.fromJSON(error);
    throw new AppError('sync.server_error', { status: response.status });
  }

  login(username: string, password: string, deviceName: string): Promise<LoginResponse> {
    return this.request('POST', '/auth/login', { username, password, device_name: deviceName });
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
