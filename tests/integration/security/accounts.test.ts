// Issue 26, item 8: a disabled user's tokens stop at once, a new password signs every device out,
// a token idle for 30 days stops, and tokens rotate without ever locking a laptop out; the
// administrator does all of it with `haitai user …`.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';
import { connect, laptop, tinyProject } from '../../helpers/laptops';
import { callAs, signInDevice } from '../../helpers/protocol';
import { startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

const DAY_MS = 24 * 3600_000;

async function cli(args: string[]): Promise<string[]> {
  const io = captureCli();
  expect(await runCli(args, io.io), io.err.join('\n')).toBe(0);
  return io.out;
}

describe('accounts on the sync server', () => {
  it('disables, enables, changes a password and revokes a device from the command line', async () => {
    const dataDir = tempDir();
    const s = await startSyncServer({ dataDir });
    await s.addUser('li', 'engineer');
    const me = (d: { token: string }) => callAs(s.url, d, 'GET', '/me');
    const laptopA = await signInDevice(s.url, 'li', 'a1a1a1a1a1a1a1a1');
    const laptopB = await signInDevice(s.url, 'li', 'b1b1b1b1b1b1b1b1');
    expect((await me(laptopA)).status).toBe(200);

    const list = await cli(['user', 'list', '--data-dir', dataDir]);
    expect(list.join('\n')).toMatch(/^li\tactive\tengineer@\*\t2 device\(s\)/m);

    await cli(['user', 'disable', '--data-dir', dataDir, '--username', 'li']);
    expect((await me(laptopA)).status).toBe(401);
    expect((await cli(['user', 'list', '--data-dir', dataDir])).join('\n')).toMatch(
      /^li\tdisabled /m,
    );
    await cli(['user', 'enable', '--data-dir', dataDir, '--username', 'li']);
    expect((await me(laptopA)).status).toBe(200);

    const devices = await cli(['user', 'devices', '--data-dir', dataDir, '--username', 'li']);
    expect(devices).toHaveLength(2);
    expect(devices[0]).toContain('client a1a1a1a1a1a1a1a1');
    await cli(['user', 'revoke', '--data-dir', dataDir, '--device', laptopA.deviceId]);
    expect((await me(laptopA)).status).toBe(401);
    expect((await me(laptopB)).status).toBe(200);

    const changed = await cli([
      ...['user', 'password', '--data-dir', dataDir, '--username', 'li'],
      ...['--password', 'a new long password'],
    ]);
    expect(changed).toEqual(['Password of li changed; 1 device(s) signed out.']);
    expect((await me(laptopB)).status).toBe(401);
    await expect(signInDevice(s.url, 'li', 'c1c1c1c1c1c1c1c1')).rejects.toThrow(/401/);
    await signInDevice(s.url, 'li', 'c1c1c1c1c1c1c1c1', 'a new long password');
  });

  it('stops a token idle for 30 days, and rotates one without locking the laptop out', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const s = await startSyncServer({ now: () => now });
    await s.addUser('li', 'engineer');
    const me = (d: { token: string }) => callAs(s.url, d, 'GET', '/me');
    const idle = await signInDevice(s.url, 'li', 'a2a2a2a2a2a2a2a2');
    const busy = await signInDevice(s.url, 'li', 'b2b2b2b2b2b2b2b2');
    for (let day = 0; day < 40; day += 10) {
      now += 10 * DAY_MS;
      expect((await me(busy)).status).toBe(200);
    }
    expect((await me(idle)).status).toBe(401);

    // Rotation: the answer is lost once; the old token still works, and keeps working until the
    // new one is first used.
    const rotate = async (d: { token: string }) =>
      ((await (await callAs(s.url, d, 'POST', '/auth/rotate', {})).json()) as { token: string })
        .token;
    const lost = await rotate(busy);
    expect((await me(busy)).status).toBe(200);
    const fresh = await rotate(busy);
    expect(fresh).not.toBe(lost);
    expect((await me(busy)).status).toBe(200);
    expect((await me({ token: fresh })).status).toBe(200);
    expect((await me(busy)).status).toBe(401);
    expect((await me({ token: lost })).status).toBe(401);
  });

  it('a laptop exchanges its token after a week and goes on syncing', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const s = await startSyncServer({ now: () => now });
    await s.addUser('wang', 'manager');
    const a = await laptop({ now: () => new Date(now) });
    const p = await tinyProject(a);
    await connect(a, s.url, 'wang', true);
    await a.sync.stop();
    const before = await s.server.store.knex('devices').first('token_hash');
    now += 8 * DAY_MS;
    await a.store.write((w) => w.update('panels', p.panelIds[0]!, { cage_weight_t: 41 }));
    await a.sync.syncNow();
    expect((await a.api['sync:status']({})).pendingChanges).toBe(0);
    const after = await s.server.store.knex('devices').first('token_hash', 'prev_token_hash');
    expect(after.token_hash).not.toBe(before.token_hash);
    // The laptop synced with the new token: its predecessor has ended.
    expect(after.prev_token_hash).toBeNull();
  });

  it('passes a laptop to another user who holds its token, or once it signed out; never otherwise', async () => {
    const s = await startSyncServer();
    await s.addUser('wang', 'manager');
    await s.addUser('li', 'engineer');
    await s.addUser('zhao', 'engineer');
    const shared = await laptop();
    const p = await tinyProject(shared);
    await connect(shared, s.url, 'wang', true);
    await shared.sync.stop();
    const node = shared.store.identity.nodeId;
    // Someone else's laptop cannot take the shared laptop's client id.
    await expect(signInDevice(s.url, 'zhao', node)).rejects.toThrow(/403/);
    // The day shift hands over: li signs in on the same laptop (its token is the proof).
    await connect(shared, s.url, 'li', false, p.projectId);
    await shared.sync.stop();
    const devices = await s.server.store.knex('devices').where({ client_id: node });
    expect(devices.filter((d) => d.revoked_at === null)).toHaveLength(1);
    await shared.store.write((w) =>
      w.upsert(
        'staff_counts',
        { project_id: p.projectId, site_day: '2023-01-05' },
        { headcount: 40 },
      ),
    );
    await shared.sync.syncNow();
    expect((await shared.api['sync:status']({})).pendingChanges).toBe(0);
    // li signs out; the laptop is free for the night shift.
    await shared.api['sync:disconnect']({});
    await connect(shared, s.url, 'zhao', false, p.projectId);
    await shared.sync.stop();
    await shared.sync.syncNow();
    expect((await shared.api['sync:status']({})).state).toBe('idle');
  });
});
