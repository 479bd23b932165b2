// A new laptop's database as the migrations leave it, made once per worker and copied into each
// new data folder: a laptop then opens with nothing to migrate (in 23 ms rather than 65 here; the
// convergence test alone opens some 700). The copy is the real file the real migrations wrote;
// what they do to an older database is tested by tests/integration/db. It lives in the run's
// temporary folder, which vitest.config.ts removes when the run ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../db/connection';
import { DATABASE_FILENAME } from '../../main/app/app-context';
import { tempDir } from './temp-dir';

let template: Promise<string> | null = null;

async function makeTemplate(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haitai-template-'));
  const file = path.join(dir, DATABASE_FILENAME);
  const { db } = await openAppDatabase({ filename: file });
  // Closing the last connection checkpoints the write-ahead log into the file.
  await db.destroy();
  return file;
}

/** A new, empty data folder holding a migrated database, removed after the test. */
export async function migratedDataDir(prefix = 'haitai-laptop-'): Promise<string> {
  template ??= makeTemplate();
  const dir = tempDir(prefix);
  fs.copyFileSync(await template, path.join(dir, DATABASE_FILENAME));
  return dir;
}
