// A landed migration is never edited, nor is the code it ran: each migration file and the helper
// its tables were made with (synced-columns.ts) must match the SHA-256 recorded when it landed
// (db/migrations/landed.json). A change of shape is a new migration, and a helper that must change
// is a new file. A new migration is recorded with `UPDATE_LANDED=1 npx vitest run
// tests/unit/architecture/migrations-landed.test.ts`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../db/migrations';

const DIR = path.resolve(__dirname, '../../../db/migrations');
const LOCK = path.join(DIR, 'landed.json');
const sha = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(DIR, file)))
    .digest('hex');

describe('landed migrations', () => {
  it('are as they landed, with the helper they ran', () => {
    const files = [...MIGRATIONS.map((m) => `${m.name}.ts`), 'synced-columns.ts'];
    const now = Object.fromEntries(files.map((f) => [f, sha(f)]));
    if (process.env.UPDATE_LANDED) {
      const landed = fs.existsSync(LOCK) ? JSON.parse(fs.readFileSync(LOCK, 'utf8')) : {};
      fs.writeFileSync(LOCK, `${JSON.stringify({ ...now, ...landed }, null, 2)}\n`);
    }
    const landed = JSON.parse(fs.readFileSync(LOCK, 'utf8')) as Record<string, string>;
    // Every migration the app runs has landed, and none has changed since.
    expect(Object.keys(landed).sort()).toEqual(files.sort());
    for (const file of files)
      expect(now[file], `${file} was edited after it landed`).toBe(landed[file]);
  });
});
