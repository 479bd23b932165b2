// Issue 16, item 8: pulls under conflict load, as in `npm run test:load`: 50 laptops each push
// their own row and an edit of a row they all share without having seen the last edit (so every
// push is a concurrent edit and adds an entry to the conflict ledger), and pull the log to its
// end every third push. Besides the latencies, what explains them: how many requests the server
// answers a second, and how long one page of the log takes with nobody else asking.
import { encodeHlc } from '../../main/domain/hlc';
import { newId } from '../../main/domain/ids';
import { PROTOCOL_VERSION } from '../../main/domain/sync-protocol';
import type { RunningServer } from '../../server/index';
import { ms, percentile, timed } from './stats';

const LAPTOPS = 50;
const ROUNDS = 24;
const SHARED_ROWS = 20;

export async function pullUnderConflicts(
  server: RunningServer,
  url: string,
  label: string,
): Promise<string> {
  const projectId = newId();
  const username = `conflicts-${label}`;
  await server.store.createUser({
    username,
    password: 'bench password 1',
    memberships: [{ projectId, role: 'engineer' }],
  });
  // A manager published the project; each laptop signs in as a device of its own client id.
  await server.store.publish(projectId, 'bench-manager');
  const tokens = new Map<string, string>();
  const signIn = async (clientId: string) => {
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        password: 'bench password 1',
        device_name: 'bench',
        client_id: clientId,
      }),
    });
    tokens.set(clientId, ((await login.json()) as { token: string }).token);
  };
  const nodeOf = (l: number) => `c0${(l + 1).toString(16).padStart(14, '0')}`;
  await signIn('c0ffffffffffffff');
  for (let l = 0; l < LAPTOPS; l++) await signIn(nodeOf(l));
  const send = async (
    path: string,
    body?: { client_id: string; [key: string]: unknown },
    as = 'c0ffffffffffffff',
  ) => {
    const res = await fetch(`${url}/projects/${projectId}/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.get(body?.client_id ?? as)!}`,
        'x-haitai-protocol': String(PROTOCOL_VERSION),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as { next: number; has_more: boolean; rejected?: unknown[] };
    if (res.status !== 200 || answer.rejected?.length)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
    return answer;
  };
  // The rows everyone edits.
  await send('push', {
    client_id: 'c0ffffffffffffff',
    schema_version: 'bench',
    changes: Array.from({ length: SHARED_ROWS }, (_, i) => ({
      op_id: i + 1,
      hlc: encodeHlc({ millis: Date.now(), counter: i, node: 'c0ffffffffffffff' }),
      tbl: 'staff_counts',
      row_id: `shared-${i}`,
      col: 'project_id',
      value: projectId,
      base_hlc: null,
    })),
  });
  /** Follows the log from `since` to its end; the time of each page. */
  const follow = async (since: number, times: number[]) => {
    for (;;) {
      const [t, page] = await timed(() => send(`changes?since=${since}&limit=1000`));
      times.push(t);
      since = page.next;
      if (!page.has_more) return since;
    }
  };

  const pushes: number[] = [];
  const pulls: number[] = [];
  const [total] = await timed(() =>
    Promise.all(
      Array.from({ length: LAPTOPS }, async (_, l) => {
        // Client ids of their own: the server knows a client's operations by id, in any project.
        const node = nodeOf(l);
        let op = 0;
        let since = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const row = `${node}-${round}`;
          const changes = (
            [
              [row, 'project_id', projectId],
              [row, 'site_day', '2023-01-27'],
              [row, 'headcount', round],
              [`shared-${round % SHARED_ROWS}`, 'headcount', (l * 97 + round) % 5000],
            ] as const
          ).map(([rowId, col, value]) => ({
            op_id: ++op,
            hlc: encodeHlc({ millis: Date.now(), counter: op, node }),
            tbl: 'staff_counts',
            row_id: rowId,
            col,
            value,
            base_hlc: null,
          }));
          const [t] = await timed(() =>
            send('push', { client_id: node, schema_version: 'bench', changes }),
          );
          pushes.push(t);
          if (round % 3 === 2) since = await follow(since, pulls);
        }
      }),
    ),
  );
  // One page of the same log with nobody else asking: what a pull costs the server by itself.
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) await follow(0, alone);
  const requests = pushes.length + pulls.length;
  const recorded = Number(
    (
      await server.store
        .knex('cells')
        .where({ project_id: projectId, tbl: 'conflicts' })
        .countDistinct({ n: 'row_id' })
    )[0]!.n,
  );
  const perSecond = requests / (total / 1000);
  return `| ${label} | ${recorded.toLocaleString('en')} | ${requests.toLocaleString('en')} | ${Math.round(perSecond)} | ${ms(percentile(pushes, 99))} | ${ms(percentile(pulls, 50))} | **${ms(percentile(pulls, 99))}** | ${ms(percentile(alone, 50))} | ${ms((LAPTOPS / perSecond) * 1000)} |`;
}

export const PULL_LOAD_HEADER = `**Pulls under conflict load** (item 8 of issue 16; the load of \`npm run test:load\`: ${LAPTOPS} laptops × ${ROUNDS} pushes, each a concurrent edit of one of ${SHARED_ROWS} shared rows, and the log followed every third push, in pages of 1,000):

| server | concurrent edits recorded | requests | requests/s | push p99 | pull p50 | pull p99 | one page alone, p50 | ${LAPTOPS} requests ÷ requests/s |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |`;
