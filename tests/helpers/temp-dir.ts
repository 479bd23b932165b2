import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterThisTest } from './cleanup';

/** A fresh temporary directory, removed after the test. */
export function tempDir(prefix = 'haitai-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterThisTest('folders', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
