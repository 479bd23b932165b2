// Local backups over real SQLite files: the online backup during writes, pruning, the backup
// before a migration, restore (the replaced file kept), and recovery mode for a damaged database.
import fs from 'node:fs';
import type { Knex } from 'knex';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, checkDatabaseFile, listBackups } from '../../../db/backup';
import { createSqliteKnex, openAppDatabase } from '../../../db/connection';
import { MIGRATIONS } from '../../../db/migrations';
import { runCli } from '../../../main/cli/index';
import { openAppContext } from '../../../main/app/app-context';
import { openAppHost, type AppHost } from '../../../main/app/app-host';
import {
  backupsDir,
  DATABASE_FILENAME,
  replacedDir,
} from '../../../main/features/backups/backup-service';
import { demoApp } from '../../helpers/app';
import { demoIds } from '../../helpers/demo-ids';
import { expectAppError } from '../../helpers/expect-app-error';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }))[0]!.n);

/** Overwrites the middle of a database file with garbage, as a failing disk might. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, Math.floor(size / 3));
  fs.closeSync(fd);
}

async function withHost<T>(dataDir: string, fn: (host: AppHost) => Promise<T>): Promise<T> {
  const host = await openAppHost({ dataDir, runtime: 'test', seedDemo: true });
  try {
    return await fn(host);
  } finally {
    await host.close();
  }
}

describe('local backups', () => {
  it('copy a live database while it is being written, check out, and keep the newest N', async () => {
    const app = await demoApp();
    const ids = await demoIds(app);
    const dir = tempDir();
    // Writes keep going while the backups are taken.
    const writing = (async () => {
      for (let i = 0; i < 30; i++)
        await app.api['crews:staff']({
          projectId: ids.projectId,
          siteDay: ids.asOf,
          headcount: 100 + i,
        });
    })();
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await backupDatabase(app.db, dir, 'manual', { keep: 3 }));
    await writing;
    const kept = listBackups(dir);
    expect(kept.map((b) => b.name)).toEqual(
      made
        .slice(1)
        .map((b) => b.name)
        .reverse(),
    );
    for (const b of kept) {
      expect(await checkDatabaseFile(b.file)).toBe('ok');
      // One file each: no -wal or -shm beside it.
      expect(fs.existsSync(`${b.file}-wal`)).toBe(false);
    }
    const copy = createSqliteKnex({ filename: kept[0]!.file });
    try {
      expect(await count(copy, 'panels')).toBe(60);
      expect(await count(copy, 'panel_stage_events')).toBe(
        await count(app.db, 'panel_stage_events'),
      );
    } finally {
      await copy.destroy();
    }
    expect(fs.readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('are taken before a migration changes an existing database', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILENAME);
    // A database from the version before the last migration.
    const old = createSqliteKnex({ filename: file });
    const older = MIGRATIONS.slice(0, -1);
    await old.migrate.latest({
      migrationSource: {
        getMigrations: async () => [...older],
        getMigrationName: (m: (typeof older)[number]) => m.name,
        getMigration: async (m: (typeof older)[number]) => m,
      },
    });
    await old.destroy();
    const opened = await openAppDatabase({ filename: file, backupDir: backupsDir(dir) });
    await opened.db.destroy();
    const [backup] = listBackups(backupsDir(dir));
    expect(backup?.reason).toBe('before-migration');
    const copy = createSqliteKnex({ filename: backup!.file });
    try {
      expect(await count(copy, 'knex_migrations')).toBe(older.length);
    } finally {
      await copy.destroy();
    }
    // Opening again migrates nothing, so backs up nothing.
    const again = await openAppDatabase({ filename: file, backupDir: backupsDir(dir) });
    await again.db.destroy();
    expect(listBackups(backupsDir(dir))).toHaveLength(1);
  });

  it('restore in place: the running app reopens on the backup, the replaced file is kept', async () => {
    const dataDir = tempDir();
    await withHost(dataDir, async (host) => {
      const api = host.api;
      const ids = await demoIds(host.context()!);
      const backup = await api['backups:create']({});
      await api['crews:staff']({ projectId: ids.projectId, siteDay: ids.asOf, headcount: 777 });
      const result = await api['backups:restore']({ name: backup.name });
      expect(result.restored).toBe(backup.name);
      // The app answers again, on the backup: the later change is not in it.
      const day = await api['crews:day']({ projectId: ids.projectId, siteDay: ids.asOf });
      expect(day.staff).not.toBe(777);
      // ...and the replaced database, with the change, is kept.
      const aside = createSqliteKnex({ filename: result.keptAside });
      try {
        expect((await aside('staff_counts').where({ headcount: 777 })).length).toBe(1);
      } finally {
        await aside.destroy();
      }
      expect(fs.readdirSync(replacedDir(dataDir)).length).toBeGreaterThan(0);
    });
  });

  it('refuse an unknown, malformed or unusable backup and change nothing', async () => {
    const dataDir = tempDir();
    await withHost(dataDir, async (host) => {
      const api = host.api;
      const before = fs.readFileSync(path.join(dataDir, DATABASE_FILENAME));
      await expectAppError(api['backups:restore']({ name: '../haitai.sqlite' }), 'input.invalid');
      await expectAppError(
        api['backups:restore']({ name: 'haitai-20230101-000000-000-manual.sqlite' }),
        'backup.not_found',
      );
      const made = await api['backups:create']({});
      fs.writeFileSync(made.file, 'not a database at all');
      await expectAppError(api['backups:restore']({ name: made.name }), 'backup.unusable');
      expect(fs.existsSync(replacedDir(dataDir))).toBe(false);
      expect((await api['project:get']({})).code).toBe('HAITAI-DEMO');
      expect(fs.readFileSync(path.join(dataDir, DATABASE_FILENAME)).length).toBe(before.length);
    });
  });
});

describe('a damaged database at start-up', () => {
  it('opens the app in recovery mode with the backups, and restores the latest good one', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, DATABASE_FILENAME);
    const name = await withHost(
      dataDir,
      async (host) => (await host.api['backups:create']({})).name,
    );
    damage(file);
    const damaged = fs.readFileSync(file);

    await withHost(dataDir, async (host) => {
      expect(host.context()).toBeNull();
      expect(host.startupError()?.code).toBe('db.corrupt');
      // Every other channel says why; nothing new was created in the file's place.
      await expectAppError(host.api['project:get']({}), 'db.corrupt');
      await expectAppError(host.api['backups:create']({}), 'db.corrupt');
      expect(fs.readFileSync(file).equals(damaged)).toBe(true);
      const backups = await host.api['backups:list']({});
      expect(backups.map((b) => b.name)).toEqual([name]);

      await host.api['backups:restore']({ name });
      expect(host.startupError()).toBeNull();
      expect(
        (await host.api['panels:list']({ projectId: (await host.api['project:get']({})).id }))
          .length,
      ).toBe(60);
      // The damaged file is kept for whoever wants to look at it.
      const [aside] = fs.readdirSync(replacedDir(dataDir)).filter((n) => n.endsWith('.sqlite'));
      expect(fs.readFileSync(path.join(replacedDir(dataDir), aside!)).equals(damaged)).toBe(true);
    });
  });

  it('says so, without a backup to offer, and never starts on a new empty database', async () => {
    for (const wreck of [
      (file: string) => damage(file),
      (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)),
      (file: string) => fs.writeFileSync(file, Buffer.alloc(8192, 0x41)),
    ]) {
      const dataDir = tempDir();
      const file = path.join(dataDir, DATABASE_FILENAME);
      const app = await openAppContext({ dataDir, runtime: 'test', seedDemo: true });
      await app.close();
      wreck(file);
      const before = fs.readFileSync(file);
      await withHost(dataDir, async (host) => {
        expect(host.context()).toBeNull();
        expect(['db.corrupt', 'db.open_failed']).toContain(host.startupError()?.code);
        expect(await host.api['backups:list']({})).toEqual([]);
      });
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
  });

  it('is backed up on a schedule by the host, and through `haitai backup` / `haitai restore`', async () => {
    const dataDir = tempDir();
    const host = await openAppHost({
      dataDir,
      runtime: 'test',
      seedDemo: true,
      backupEveryMs: 3_600_000,
    });
    try {
      await expect.poll(() => listBackups(backupsDir(dataDir)).length).toBe(1);
      expect(listBackups(backupsDir(dataDir))[0]!.reason).toBe('scheduled');
    } finally {
      await host.close();
    }
    const { io, out } = captureCli();
    expect(await runCli(['backup', '--data-dir', dataDir], io)).toBe(0);
    expect(await runCli(['backup', '--data-dir', dataDir, '--list'], io)).toBe(0);
    expect(listBackups(backupsDir(dataDir))).toHaveLength(2);
    expect(await runCli(['restore', '--data-dir', dataDir, '--latest'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Restored haitai-.*-manual\.sqlite/);
    expect(await runCli(['restore', '--data-dir', dataDir], io)).toBe(2);
    expect(await runCli(['restore', '--data-dir', dataDir, '--backup', '/etc/passwd'], io)).toBe(1);
  });
});
