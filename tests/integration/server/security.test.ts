// Every endpoint × every kind of caller, over real HTTP: authenticated, role-checked, scoped to
// one project; malformed, oversized and unauthenticated requests get a typed 4xx and write nothing.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openServer } from '../../../server/index';
import { tempDir } from '../../helpers/temp-dir';
import { newId } from '../../../main/domain/ids';
import { encodeHlc } from '../../../main/domain/hlc';
import { PROTOCOL_VERSION } from '../../../main/domain/sync-protocol';
import { PASSWORD, startSyncServer } from '../../helpers/sync-server';

const PROJECT = newId();
const OTHER = newId();
const CLIENT = 'abcdefabcdefabcd';
/** Each user's device signs in with a client id of its own (the engineer's is CLIENT). */
const CLIENTS: Record<string, string> = {
  eng: CLIENT,
  mgr: 'aaaaaaaaaaaaaaa1',
  view: 'aaaaaaaaaaaaaaa2',
  adm: 'aaaaaaaaaaaaaaa3',
  outsider: 'bbbbbbbbbbbbbbbb',
  revoked: 'aaaaaaaaaaaaaaa4',
};

async function setup() {
  const s = await startSyncServer();
  await s.addUser('eng', 'engineer', PROJECT);
  await s.addUser('mgr', 'manager', PROJECT);
  await s.addUser('view', 'viewer', PROJECT);
  await s.addUser('adm', 'admin');
  await s.addUser('outsider', 'engineer', OTHER);
  const tokens: Record<string, string> = {};
  for (const user of ['eng', 'mgr', 'view', 'adm', 'outsider', 'revoked']) {
    if (user === 'revoked') await s.addUser('revoked', 'engineer', PROJECT);
    const res = await fetch(`${s.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: user,
        password: PASSWORD,
        device_name: 'test',
        client_id: CLIENTS[user],
      }),
    });
    expect(res.status, user).toBe(200);
    const body = (await res.json()) as { token: string; device_id: string };
    tokens[user] = body.token;
    if (user === 'revoked') await s.server.store.revokeDevice(body.device_id);
  }
  // Their managers published both projects.
  await s.server.store.publish(PROJECT, 'mgr');
  await s.server.store.publish(OTHER, 'outsider-manager');
  return { ...s, tokens };
}

const change = (
  op: number,
  tbl = 'projects',
  rowId = PROJECT,
  col = 'code',
  value: unknown = 'P',
) => ({
  op_id: op,
  hlc: encodeHlc({ millis: Date.now(), counter: op, node: CLIENT }),
  tbl,
  row_id: rowId,
  col,
  value,
  base_hlc: null,
});

function call(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      'x-haitai-protocol': String(PROTOCOL_VERSION),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

describe('sync server access control', () => {
  it('checks token, role and project on every endpoint', async () => {
    const s = await setup();
    const client = (who: string) => CLIENTS[who] ?? 'cccccccccccccccc';
    const endpoints: [string, (who: string) => string, (op: number, who: string) => unknown][] = [
      ['GET', () => `/me`, () => undefined],
      [
        'POST',
        () => `/projects/${PROJECT}/push`,
        (op, who) => ({ client_id: client(who), schema_version: 'x', changes: [change(op)] }),
      ],
      ['GET', () => `/projects/${PROJECT}/changes?since=0`, () => undefined],
      ['GET', () => `/projects/${PROJECT}/snapshot`, () => undefined],
      ['GET', (who) => `/projects/${PROJECT}/clients/${client(who)}`, () => undefined],
      [
        'POST',
        () => `/admin/users`,
        (op) => ({ username: `new${op}`, password: 'long enough password', memberships: [] }),
      ],
      ['GET', () => `/admin/storage`, () => undefined],
    ];
    // Expected status per caller for each endpoint, in the order above.
    const expected: Record<string, number[]> = {
      eng: [200, 200, 200, 200, 200, 403, 403],
      mgr: [200, 200, 200, 200, 200, 403, 403],
      view: [200, 403, 200, 200, 200, 403, 403],
      adm: [200, 200, 200, 200, 200, 200, 200],
      outsider: [200, 404, 404, 404, 404, 403, 403],
      revoked: [401, 401, 401, 401, 401, 401, 401],
      none: [401, 401, 401, 401, 401, 401, 401],
      forged: [401, 401, 401, 401, 401, 401, 401],
    };
    let op = 1;
    for (const [who, statuses] of Object.entries(expected)) {
      const token = who === 'none' ? null : who === 'forged' ? 'x'.repeat(43) : s.tokens[who]!;
      for (const [i, [method, pathOf, body]] of endpoints.entries()) {
        const path = pathOf(who);
        const res = await call(s.url, token, method, path, body(op++, who));
        expect(res.status, `${who} ${method} ${path}`).toBe(statuses[i]);
        const json = (await res.json()) as { ok?: boolean; error?: { code: string } };
        if (res.status >= 400)
          expect(json.error?.code, `${who} ${path}`).toMatch(/^(auth\.|not_found)/);
      }
    }
    // The event stream is guarded the same way.
    expect((await call(s.url, null, 'GET', `/projects/${PROJECT}/events`)).status).toBe(401);
    expect(
      (await call(s.url, s.tokens.outsider!, 'GET', `/projects/${PROJECT}/events`)).status,
    ).toBe(404);
    // Device revocation is for administrators.
    expect(
      (await call(s.url, s.tokens.mgr!, 'POST', `/admin/devices/${newId()}/revoke`, {})).status,
    ).toBe(403);
    expect(
      (await call(s.url, s.tokens.adm!, 'POST', `/admin/devices/${newId()}/revoke`, {})).status,
    ).toBe(404);
  });

  it('refuses a row of another project, and conflict resolutions from an engineer, change by change', async () => {
    const s = await setup();
    const foreignRow = newId();
    await call(s.url, s.tokens.outsider!, 'POST', `/projects/${OTHER}/push`, {
      client_id: 'bbbbbbbbbbbbbbbb',
      schema_version: 'x',
      changes: [change(1, 'panels', foreignRow, 'project_id', OTHER)],
    });
    const ledgerRow = newId();
    const res = await call(s.url, s.tokens.eng!, 'POST', `/projects/${PROJECT}/push`, {
      client_id: CLIENT,
      schema_version: 'x',
      changes: [
        change(1, 'daily_logs', newId(), 'project_id', PROJECT),
        change(2, 'panels', foreignRow, 'code', 'X'),
        // A merge on an engineer's laptop may add to the ledger; only a manager resolves.
        change(3, 'conflicts', ledgerRow, 'project_id', PROJECT),
        change(4, 'teams', newId(), 'code', 'no project'),
        change(5, 'conflicts', ledgerRow, 'resolution', 'lost'),
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      acked: number[];
      rejected: { op_id: number; code: string }[];
    };
    expect(body.acked).toEqual([1, 3]);
    expect(body.rejected.map((r) => [r.op_id, r.code])).toEqual([
      [2, 'sync.project_mismatch'],
      [4, 'sync.project_mismatch'],
      [5, 'auth.forbidden'],
    ]);
    const pulled = (await (
      await call(s.url, s.tokens.eng!, 'GET', `/projects/${PROJECT}/changes?since=0`)
    ).json()) as { changes: unknown[] };
    expect(pulled.changes).toHaveLength(2);
  });

  it('answers malformed, oversized and outdated requests with a typed 4xx and writes nothing', async () => {
    const s = await setup();
    const push = `/projects/${PROJECT}/push`;
    const good = { client_id: CLIENT, schema_version: 'x', changes: [change(1)] };
    const cases: [string, string, unknown, Record<string, string>, number, string][] = [
      ['POST', push, '{"client_id":', {}, 400, 'input.invalid'],
      ['POST', push, { ...good, extra: 1 }, {}, 400, 'input.invalid'],
      ['POST', push, { ...good, client_id: "'; drop table cells;--" }, {}, 400, 'input.invalid'],
      ['POST', push, { ...good, changes: [] }, {}, 400, 'input.invalid'],
      [
        'POST',
        push,
        { ...good, changes: [{ ...change(1), tbl: 'Robert"); DROP TABLE cells;--' }] },
        {},
        400,
        'input.invalid',
      ],
      [
        'POST',
        push,
        { ...good, changes: [{ ...change(1), value: { nested: true } }] },
        {},
        400,
        'input.invalid',
      ],
      [
        'POST',
        push,
        { ...good, changes: [{ ...change(1), value: 'x'.repeat(70_000) }] },
        {},
        400,
        'input.invalid',
      ],
      [
        'POST',
        push,
        { ...good, changes: Array.from({ length: 1001 }, (_, i) => change(i + 1)) },
        {},
        400,
        'input.invalid',
      ],
      [
        'POST',
        push,
        { ...good, changes: [{ ...change(1), hlc: 'yesterday' }] },
        {},
        400,
        'input.invalid',
      ],
      ['POST', push, 'x'.repeat(9 * 1024 * 1024), {}, 413, 'input.invalid'],
      ['POST', push, good, { 'content-type': 'text/plain' }, 400, 'input.invalid'],
      ['POST', push, good, { 'x-haitai-protocol': '0' }, 426, 'sync.client_too_old'],
      ['GET', `/projects/${PROJECT}/changes?since=-1`, undefined, {}, 400, 'input.invalid'],
      [
        'GET',
        `/projects/${PROJECT}/changes?since=0&limit=999999`,
        undefined,
        {},
        400,
        'input.invalid',
      ],
      [
        'GET',
        `/projects/${PROJECT}/snapshot?cursor=not-a-cursor`,
        undefined,
        {},
        400,
        'input.invalid',
      ],
      ['GET', `/projects/not-a-uuid/changes?since=0`, undefined, {}, 400, 'input.invalid'],
      ['POST', `/auth/login`, { username: 'eng' }, {}, 400, 'input.invalid'],
      [
        'POST',
        `/auth/login`,
        { username: 'eng', password: 'wrong', device_name: 'x' },
        {},
        401,
        'auth.invalid',
      ],
    ];
    const before = await s.server.store.maxSeq();
    for (const [method, path, body, headers, status, code] of cases) {
      const res = await call(s.url, s.tokens.eng!, method, path, body, headers);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 60)}`).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await s.server.store.maxSeq()).toBe(before);
  });

  it('rate-limits sign-in attempts', async () => {
    const s = await startSyncServer({ loginPerMinute: 5 });
    await s.addUser('eng', 'engineer');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${s.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'eng', password: 'guess' + i, device_name: 'x' }),
      });
      statuses.push(res.status);
      if (res.status === 429)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          'auth.rate_limited',
        );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('hashes passwords at scrypt cost 2^14 unless a test server lowers it', async () => {
    const server = await openServer({ dataDir: tempDir() });
    try {
      await server.store.createUser({ username: 'real', password: PASSWORD });
      const real = await server.store.knex('users').where({ username: 'real' }).first();
      expect(real.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    } finally {
      await server.close();
    }
    const s = await setup();
    const test = await s.server.store.knex('users').where({ username: 'eng' }).first();
    expect(test.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('stores passwords and tokens hashed, never in clear', async () => {
    const s = await setup();
    const users = await s.server.store.knex('users').select('password_hash');
    expect(
      users.every(
        (u: { password_hash: string }) =>
          u.password_hash.startsWith('scrypt$') && !u.password_hash.includes(PASSWORD),
      ),
    ).toBe(true);
    const devices = await s.server.store.knex('devices').select('token_hash');
    const stored = devices.map((d: { token_hash: string }) => d.token_hash);
    for (const token of Object.values(s.tokens)) expect(stored).not.toContain(token);
    expect(stored.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });
});

describe('sync server logs', () => {
  it('never contain a password or a token, even for failed requests', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const server = await openServer({ dataDir: tempDir(), logger: stream, loginPerMinute: 100 });
    try {
      await server.store.createUser({
        username: 'li',
        password: PASSWORD,
        memberships: [{ projectId: '*', role: 'engineer' }],
      });
      const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const headers = {
        'content-type': 'application/json',
        'x-haitai-protocol': String(PROTOCOL_VERSION),
      };
      const login = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ username: 'li', password: PASSWORD, device_name: 'logs' }),
      });
      const { token } = (await login.json()) as { token: string };
      await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ username: 'li', password: 'wrong-but-secret', device_name: 'x' }),
      });
      await fetch(`${url}/me`, { headers: { ...headers, authorization: `Bearer ${token}` } });
      await fetch(`${url}/projects/${OTHER}/push`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${token}` },
        body: '{ not json',
      });
    } finally {
      await server.close();
    }
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain('wrong-but-secret');
    expect(logged).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);
  });
});
