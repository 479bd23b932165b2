import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type Db } from '../../../db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../db/migrations';
import { AppError } from '../../../main/domain/errors';
import { expectAppError } from '../../helpers/expect-app-error';
import { tempDir } from '../../helpers/temp-dir';

const open: Db[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.destroy();
});

async function openFile(file: string, busyTimeoutMs = 5000) {
  const opened = await openAppDatabase({ filename: file, busyTimeoutMs });
  open.push(opened.db);
  return opened;
}

async function closeAll() {
  while (open.length) await open.pop()!.destroy();
}

describe('openAppDatabase', () => {
  it('creates the file and its folder, migrates, and sets WAL, foreign keys and busy timeout', async () => {
    const file = path.join(tempDir(), 'nested', 'haitai.sqlite');
    const { db, schemaVersion } = await openFile(file, 1234);
    expect(fs.existsSync(file)).toBe(true);
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    expect(await db.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.raw('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await db.raw('PRAGMA busy_timeout')).toEqual([{ timeout: 1234 }]);
    const names = (await db('knex_migrations').select('name')).map((r: { name: string }) => r.name);
    expect(names).toEqual(MIGRATIONS.map((m) => m.name));
    for (const table of ['projects', 'structures', 'panels', 'teams', 'milestones']) {
      expect(await db.schema.hasTable(table)).toBe(true);
    }
  });

  it('reopens an existing database without running migrations again', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    await openFile(file);
    await closeAll();
    const second = await openFile(file);
    const count = await second.db('knex_migrations').count<{ n: number }[]>({ n: '*' });
    expect(Number(count[0]!.n)).toBe(MIGRATIONS.length);
  });

  it('reports a file that is not a database as corrupt and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    const garbage = Buffer.from('this is a spreadsheet, not a database '.repeat(200));
    fs.writeFileSync(file, garbage);
    const error = await expectAppError(openFile(file), 'db.corrupt');
    expect(error.details.file).toBe(file);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('reports a truncated database as corrupt', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    const { db } = await openFile(file);
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await closeAll();
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(8192);
    fs.truncateSync(file, Math.floor(size / 2));
    await expectAppError(openFile(file), 'db.corrupt');
  });

  it('refuses a database written by a newer app version and changes nothing', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    const { db } = await openFile(file);
    await db('knex_migrations').insert({
      name: '29990101000000_from_the_future',
      batch: 2,
      migration_time: new Date(),
    });
    await closeAll();
    const before = fs.readFileSync(file);
    const error = await expectAppError(openFile(file), 'db.newer_version');
    expect(error.details.unknown).toBe('29990101000000_from_the_future');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a database locked by another program instead of hanging or crashing', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    const raw = new sqlite3.Database(file);
    const exec = (sql: string) =>
      new Promise<void>((resolve, reject) => raw.exec(sql, (e) => (e ? reject(e) : resolve())));
    await exec(
      'CREATE TABLE other_program (x); BEGIN EXCLUSIVE; INSERT INTO other_program VALUES (1);',
    );
    try {
      await expectAppError(openFile(file, 100), 'db.locked');
    } finally {
      await exec('COMMIT');
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('maps a write refused as read-only to db.read_only', async () => {
    const file = path.join(tempDir(), 'haitai.sqlite');
    const { db } = await openFile(file);
    await db.raw('PRAGMA query_only = 1');
    const { mapSqliteError } = await import('../../../db/errors');
    const error = await db('projects')
      .insert({ id: 'x', code: 'x', name_zh: 'x', name_en: 'x', created_at: '', updated_at: '' })
      .then(
        () => null,
        (e: unknown) => mapSqliteError(e, file),
      );
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('db.read_only');
  });
});
