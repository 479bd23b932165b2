// Issue 26, item 6: a project's storage has a quota. A change past it is refused alone, typed
// (quota.exceeded), and so is a file; the administrator sees each project's usage with
// `haitai server usage`.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../../db/blob-store';
import { runCli } from '../../../main/cli/index';
import { newId } from '../../../main/domain/ids';
import { PROTOCOL_VERSION } from '../../../main/domain/sync-protocol';
import { captureCli } from '../../helpers/cli-capture';
import { changesOf, pushAs, signInDevice } from '../../helpers/protocol';
import { openServer } from '../../../server/index';
import { tempDir } from '../../helpers/temp-dir';

describe('a project’s storage quota', () => {
  it('refuses changes and files past it, typed, and the administrator sees the usage', async () => {
    const dataDir = tempDir();
    const quota = 40_000;
    const running = await openServer({ dataDir, quotaBytes: quota, loginPerMinute: 1000 });
    const url = await running.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const project = newId();
      await running.store.createUser({
        username: 'li',
        password: 'correct horse battery',
        memberships: [{ projectId: project, role: 'engineer' }],
      });
      await running.store.publish(project, 'manager');
      const li = await signInDevice(url, 'li', 'c0c0c0c0c0c0c0c0');
      const rows = Array.from({ length: 20 }, () => newId());
      const cells = rows.flatMap((row) => [
        ['daily_logs', row, 'project_id', project] as [string, string, string, string],
        ['daily_logs', row, 'notes', 'x'.repeat(3_900)] as [string, string, string, string],
      ]);
      const res = await pushAs(url, li, project, changesOf(li.clientId, cells));
      const body = (await res.json()) as {
        acked: number[];
        rejected: { op_id: number; code: string }[];
      };
      // About ten notes fit in 40 kB; the rest are refused one by one, and nothing past the quota
      // is stored.
      expect(body.acked.length).toBeGreaterThan(10);
      expect(body.rejected.length).toBeGreaterThan(10);
      expect(new Set(body.rejected.map((r) => r.code))).toEqual(new Set(['quota.exceeded']));
      const [usage] = await running.store.usage(project);
      expect(usage!.logBytes).toBeLessThanOrEqual(quota);
      expect(usage!.logBytes).toBeGreaterThan(quota - 4_100);

      // A file that would not fit is refused before a byte is kept.
      const file = randomBytes(8_000);
      const put = await fetch(
        `${url}/projects/${project}/blobs/${sha256Of(file)}?offset=0&size=${file.length}`,
        {
          method: 'PUT',
          headers: {
            'x-haitai-protocol': String(PROTOCOL_VERSION),
            authorization: `Bearer ${li.token}`,
            'content-type': 'application/octet-stream',
          },
          body: file,
        },
      );
      expect(put.status).toBe(413);
      expect(((await put.json()) as { error: { code: string } }).error.code).toBe('quota.exceeded');
    } finally {
      await running.close();
    }
    const io = captureCli();
    expect(await runCli(['server', 'usage', '--data-dir', dataDir], io.io)).toBe(0);
    expect(io.out[0]).toMatch(/^project\tlog\tfiles\tof quota/);
    expect(io.out).toHaveLength(2);
    expect(io.out[1]).toMatch(/\t0\.0 MB\t/);
  });
});
