// Hostile input, property-based (fast-check): every IPC channel through its handler, and every
// sync server endpoint over HTTP. Each generated input gets a typed refusal or a proper answer,
// never an unhandled exception or a 500, and a refusal writes nothing. `npm run test:fuzz` runs
// FUZZ_RUNS (10,000+) inputs per side; `npm test` a short run.
import fs from 'node:fs';
import fc from 'fast-check';
import { inputSchemas } from '../../../main/api/contract';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../main/api/channels';
import { dispatch } from '../../../main/api/dispatch';
import { ERROR_CODES } from '../../../main/domain/errors';
import { PROTOCOL_VERSION } from '../../../main/domain/sync-protocol';
import { demoApp } from '../../helpers/app';
import { dbChecksum } from '../../helpers/db-checksum';
import { billionLaughsXml, giantRowCsv, xlsxBomb } from '../../helpers/hostile-files';
import { PASSWORD, startSyncServer } from '../../helpers/sync-server';
import { validInputs } from '../../helpers/valid-inputs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 600);

/** Values an attacker or a broken client might send. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 4 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    "'; DROP TABLE panels; --",
    '1 OR 1=1',
    "x' UNION SELECT * FROM users --",
    '\u0000',
    '../../../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil")',
    '@SUM(1+1)',
    '\ud800',
    '9'.repeat(500),
    'A'.repeat(100_000),
    '__proto__',
    '2023-02-30',
    '-1',
    'NaN',
  ),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
  fc.constant(null),
  // Deeply nested arrays and objects.
  fc.integer({ min: 50, max: 3000 }).map((depth) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }),
);

function hostileInput(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    hostileValue,
    fc
      .record({
        key: fc.constantFrom(...keys, 'extra', '__proto__', 'constructor', 'toString'),
        value: hostileValue,
      })
      .map(({ key, value }) => {
        const copy: Record<string, unknown> = { ...valid };
        Object.defineProperty(copy, key, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return copy;
      }),
    ...(keys.length
      ? [
          fc.constantFrom(...keys).map((key) => {
            const copy = { ...valid };
            delete copy[key];
            return copy;
          }),
        ]
      : []),
  );
}

/** Rows written on this connection since it opened: a write, if any, moves it. */
async function totalChanges(db: Knex): Promise<number> {
  const [row] = (await db.raw('SELECT total_changes() AS n')) as { n: number }[];
  return Number(row!.n);
}

describe('hostile input', () => {
  it(`every IPC channel answers ${RUNS} generated inputs with a typed error or a result`, async () => {
    const app = await demoApp();
    const valid = await validInputs(app);
    const unexpected: unknown[] = [];
    const codes = new Map<string, number>();
    const channel = fc.constantFrom(...(CHANNELS as readonly Channel[]));
    await fc.assert(
      fc.asyncProperty(
        channel.chain((c) => fc.tuple(fc.constant(c), hostileInput(valid[c]))),
        async ([c, input]) => {
          const before = await totalChanges(app.db);
          const envelope = await dispatch(app.api, c, input, (e) => unexpected.push(e));
          if (envelope.ok) return true;
          codes.set(envelope.error.code, (codes.get(envelope.error.code) ?? 0) + 1);
          // A refusal is typed, known, never 'internal', and writes nothing.
          return (
            (ERROR_CODES as readonly string[]).includes(envelope.error.code) &&
            envelope.error.code !== 'internal' &&
            (await totalChanges(app.db)) === before
          );
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 7) },
    );
    expect(unexpected).toEqual([]);
    console.log(
      `IPC fuzz: ${RUNS} inputs; refusals by code: ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  }, 600_000);

  it(`every sync server endpoint answers ${RUNS} generated requests with a 4xx or a proper answer`, async () => {
    const { url, server, addUser } = await startSyncServer({ loginPerMinute: 1_000_000 });
    await addUser('li', 'engineer');
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-haitai-protocol': String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ username: 'li', password: PASSWORD, device_name: 'fuzz' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const project = '01900000-0000-7000-8000-000000000000';
    const endpoints: { method: string; path: string }[] = [
      { method: 'POST', path: '/auth/login' },
      { method: 'GET', path: '/me' },
      { method: 'POST', path: `/projects/${project}/push` },
      { method: 'GET', path: `/projects/${project}/changes?since=0` },
      { method: 'GET', path: `/projects/${project}/snapshot` },
      { method: 'GET', path: `/projects/${project}/clients/abc` },
      { method: 'POST', path: '/admin/users' },
      { method: 'POST', path: `/admin/devices/${project}/revoke` },
      { method: 'GET', path: `/projects/${project}/blobs/${'ab'.repeat(32)}/status` },
      { method: 'GET', path: `/projects/${project}/blobs/${'ab'.repeat(32)}` },
      { method: 'PUT', path: `/projects/${project}/blobs/${'ab'.repeat(32)}?offset=0&size=64` },
    ];
    const state = async () => {
      const knex = server.store.knex;
      const n = async (t: string) => Number((await knex(t).count({ n: '*' }))[0]!.n);
      return `${await n('changes')}/${await n('cells')}/${await n('users')}/${await n('devices')}/${await n('project_blobs')}`;
    };
    const statuses = new Map<number, number>();
    const request = fc.record({
      endpoint: fc.constantFrom(...endpoints),
      auth: fc.constantFrom('none', 'valid', 'garbage', 'empty'),
      contentType: fc.constantFrom(
        'application/json',
        'application/octet-stream',
        'text/plain',
        'application/x-www-form-urlencoded',
        'none',
      ),
      body: fc.oneof(
        hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
        fc.string({ maxLength: 300 }),
        fc.constantFrom(
          '{',
          '{"a":',
          '[]'.repeat(5000),
          `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
          '\u00ff\u00fe',
        ),
        fc.constant('x'.repeat(9 * 1024 * 1024)),
      ),
      protocol: fc.constantFrom('current', 'current', 'current', 'none', '0', 'abc'),
      pathSuffix: fc.constantFrom(
        '',
        '/../../admin/users',
        '%00',
        '?after=-1',
        '?after=abc&limit=1e9',
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = await state();
        const headers: Record<string, string> = {};
        if (r.contentType !== 'none') headers['content-type'] = r.contentType;
        if (r.protocol !== 'none')
          headers['x-haitai-protocol'] =
            r.protocol === 'current' ? String(PROTOCOL_VERSION) : r.protocol;
        if (r.auth === 'valid') headers.authorization = `Bearer ${token}`;
        if (r.auth === 'garbage') headers.authorization = `Bearer ${'z'.repeat(43)}`;
        if (r.auth === 'empty') headers.authorization = 'Bearer ';
        const response = await fetch(`${url}${r.endpoint.path}${r.pathSuffix}`, {
          method: r.endpoint.method,
          headers,
          ...(r.endpoint.method === 'GET' ? {} : { body: r.body }),
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) throw new Error(`${response.status} ${text.slice(0, 300)}`);
        if (response.status < 400) return true;
        // A refusal says why in a typed error, and writes nothing.
        const body = JSON.parse(text) as { error?: { code?: string } };
        return (
          typeof body.error?.code === 'string' &&
          (ERROR_CODES as readonly string[]).includes(body.error.code) &&
          (await state()) === before
        );
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 7) },
    );
    console.log(
      `HTTP fuzz: ${RUNS} requests; statuses: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(statuses.size).toBeGreaterThan(1);
  }, 600_000);

  it('reads damaged and hostile register files as typed refusals or listed problems', async () => {
    const app = await demoApp();
    const project = await app.api['project:get']({});
    const sample = fs.readFileSync('resources/samples/panel-register.csv');
    const before = await dbChecksum(app.db);
    const unexpected: unknown[] = [];
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 4000 }),
      // The sample with bytes broken: invalid UTF-8, truncated, NULs.
      fc
        .tuple(
          fc.integer({ min: 0, max: sample.length - 1 }),
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
        )
        .map(([at, bytes]) =>
          Buffer.concat([sample.subarray(0, at), Buffer.from(bytes), sample.subarray(at + 1)]),
        ),
      fc.constantFrom(
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
        Buffer.from('PK\u0003\u0004garbage that is not a zip'),
        Buffer.from("槽段编号,类型\n=cmd|' /C calc'!A0,A\n"),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.constantFrom('r.csv', 'r.xlsx', 'r.txt'),
        async (bytes, fileName) => {
          const envelope = await dispatch(
            app.api,
            'import:preview',
            { projectId: project.id, fileName, dataBase64: Buffer.from(bytes).toString('base64') },
            (e) => unexpected.push(e),
          );
          return (
            envelope.ok ||
            (envelope.error.code !== 'internal' && envelope.error.code.startsWith('import.'))
          );
        },
      ),
      { numRuns: Math.max(100, Math.floor(RUNS / 3)), seed: 5 },
    );
    expect(unexpected).toEqual([]);
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('refuses the hostile files of every import, typed, on a worker, and writes nothing', async () => {
    const app = await demoApp();
    const projectId = (await app.api['project:get']({})).id;
    const before = await dbChecksum(app.db);
    const MB = 1024 * 1024;
    // A 1.2 MB XLSX whose sheet inflates to 400 MB: declared, and lied about (it says 64 kB).
    const declared = await xlsxBomb(400 * MB, 'honest');
    const lying = await xlsxBomb(400 * MB, 64 * 1024);
    // An honest sheet of 2.7 million rows, within the unpacked-size bound: stopped by the row count.
    const rows = await xlsxBomb(140 * MB, 'honest');
    const cases: [string, string, Buffer, string][] = [
      ['import:preview', 'register.xlsx', declared, 'unpacks to more than 300 MB'],
      ['import:preview', 'register.xlsx', lying, 'unpacks to more than it declares'],
      ['import:preview', 'register.xlsx', rows, 'more than 20000 rows'],
      ['import:preview', 'register.csv', giantRowCsv(9 * MB, '槽段编号,类型'), 'longer than 10000'],
      ['attendance:preview', 'gate.xlsx', declared, 'unpacks to more than 300 MB'],
      ['attendance:preview', 'gate.xlsx', lying, 'unpacks to more than it declares'],
      ['attendance:preview', 'gate.xlsx', rows, 'more than 500000 rows'],
      ['attendance:preview', 'gate.csv', giantRowCsv(20 * MB), 'longer than 10000'],
      ['schedule:import-preview', 'plan.xml', billionLaughsXml(), 'DOCTYPE'],
    ];
    for (const [channel, fileName, bytes, reason] of cases) {
      const envelope = await dispatch(app.api, channel as Channel, {
        projectId,
        fileName,
        dataBase64: bytes.toString('base64'),
      });
      expect(envelope.ok, `${channel} ${fileName}`).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code, `${channel} ${fileName}`).toBe('import.unreadable');
      expect(String(envelope.error.details.reason), `${channel} ${fileName}`).toContain(reason);
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });

  it('leaves the laptop database exactly as it was after a run of refused inputs', async () => {
    const app = await demoApp();
    const before = await dbChecksum(app.db);
    const samples = fc.sample(
      fc
        .constantFrom(...(CHANNELS as readonly Channel[]))
        .chain((c) => fc.tuple(fc.constant(c), hostileValue)),
      { numRuns: 300, seed: 3 },
    );
    for (const [c, input] of samples) {
      const envelope = await dispatch(app.api, c, input);
      // Whole-input replacements: nothing valid gets through.
      // A channel whose every field is optional (project:get, sync:status…) may accept `{}`.
      const needsInput = !inputSchemas[c].safeParse({}).success;
      expect(
        envelope.ok && needsInput,
        `${c} accepted ${JSON.stringify(input)?.slice(0, 200)}`,
      ).toBe(false);
    }
    expect(await dbChecksum(app.db)).toBe(before);
  });
});
