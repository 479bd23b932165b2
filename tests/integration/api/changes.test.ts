// Which tables changed reaches the window (issue 27): a call's reply names what its writes changed;
// work no call waits for (a pull) is announced, to Electron's window as the preload's one event and
// to the harness's page as server-sent events.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { createEventsMiddleware } from '../../../main/api/http-bridge';
import { CHANGES_EVENT, changedTables } from '../../../main/domain/changes-event';
import { forwardChanges } from '../../../main/electron/ipc';
import { createPreloadApi } from '../../../main/preload/preload-api';
import { collectChanged, collectingChanges, createChangeFeed } from '../../../db/changes';
import { demoApp } from '../../helpers/app';

const servers: http.Server[] = [];
afterEach(async () => {
  while (servers.length) {
    const server = servers.pop()!;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function projectAndDay() {
  const app = await demoApp();
  const project = await app.api['project:get']({});
  const [team] = (await app.api['teams:list']({ projectId: project.id })) as { id: string }[];
  return { app, project, teamId: team!.id, siteDay: '2026-01-05' };
}

describe('a call names the tables its writes changed', () => {
  it('in its reply, and announces nothing', async () => {
    const { app, project, teamId, siteDay } = await projectAndDay();
    const announced: string[][] = [];
    app.store.changes.subscribe((t) => announced.push(t));
    const reply = await dispatch(app.api, 'crews:set', {
      projectId: project.id,
      siteDay,
      shift: 'day',
      teamId,
      headcount: 14,
      hours: 12,
    });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, changed: ['crew_shifts'] });
    const read = await dispatch(app.api, 'crews:day', { projectId: project.id, siteDay });
    expect(read.changed).toBeUndefined();
    expect(announced).toEqual([]);
  });

  it('also when it is refused after some of it was written', async () => {
    const feed = createChangeFeed();
    const { outcome, changed } = await collectingChanges(async () => {
      feed.changed(['crew_shifts']);
      throw new Error('refused');
    });
    expect(outcome.status).toBe('rejected');
    expect(changed).toEqual(['crew_shifts']);
  });

  it('but a timer the call started, firing after it answered, announces', async () => {
    const feed = createChangeFeed();
    const announced: string[][] = [];
    feed.subscribe((t) => announced.push(t));
    let later: Promise<void> = Promise.resolve();
    await collectingChanges(async () => {
      later = new Promise((resolve) =>
        setTimeout(() => {
          feed.changed(['daily_logs']);
          resolve();
        }, 10),
      );
    });
    await later;
    expect(announced).toEqual([['daily_logs']]);
    expect(collectChanged(['x'])).toBe(false);
  });
});

describe('work no call waits for is announced', () => {
  it('a write outside any call reaches the subscribers with its tables', async () => {
    const { app, project, teamId, siteDay } = await projectAndDay();
    const announced: string[][] = [];
    app.store.changes.subscribe((t) => announced.push(t));
    await app.store.write((w) =>
      w.upsert(
        'crew_shifts',
        { project_id: project.id, site_day: siteDay, shift: 'day', team_id: teamId },
        { headcount: 30, hours: 12 },
      ),
    );
    expect(announced).toEqual([['crew_shifts']]);
  });

  it("to Electron's windows as the one event, skipping a closed one", () => {
    const feed = createChangeFeed();
    const sent: [string, unknown][] = [];
    const open = {
      isDestroyed: () => false,
      webContents: { send: (c: string, p: unknown) => void sent.push([c, p]) },
    };
    const closed = {
      isDestroyed: () => true,
      webContents: {
        send: () => {
          throw new Error('gone');
        },
      },
    };
    const stop = forwardChanges(feed, () => [closed, open]);
    feed.changed(['panels', 'panel_stage_events']);
    stop();
    feed.changed(['panels']);
    expect(sent).toEqual([[CHANGES_EVENT, ['panel_stage_events', 'panels']]]);
  });

  it('through the preload only as a short list of table names', () => {
    let deliver: (payload: unknown) => void = () => {};
    const api = createPreloadApi(
      async () => ({ ok: true, value: null }),
      (listener) => {
        deliver = listener;
        return () => {};
      },
    );
    const got: string[][] = [];
    api.onChanges((t) => got.push(t));
    for (const hostile of [
      'panels',
      [{ toString: () => 'panels' }],
      ['DROP TABLE'],
      Array.from({ length: 100 }, () => 'panels'),
      null,
    ])
      deliver(hostile);
    deliver(['crew_shifts', '*']);
    expect(got).toEqual([['crew_shifts', '*']]);
    expect(changedTables(['a'.repeat(41)])).toBeNull();
  });

  it("to the harness's page as server-sent events", async () => {
    const feed = createChangeFeed();
    const events = createEventsMiddleware(feed);
    const server = http.createServer((req, res) =>
      events(req, res, () => {
        res.writeHead(404);
        res.end();
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/api-events`, { method: 'POST' })).status).toBe(405);
    const foreign = await fetch(`${base}/api-events`, { headers: { origin: 'http://evil.test' } });
    expect(foreign.status).toBe(403);

    const res = await fetch(`${base}/api-events`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    feed.changed(['daily_logs']);
    while (!text.includes('data:')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('data: ["daily_logs"]\n\n');
    events.close();
    await reader.cancel();
  });
});
