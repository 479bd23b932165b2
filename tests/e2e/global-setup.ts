// The e2e project builds the renderer once per run, as Electron loads it, and every harness serves
// that build (instead of a Vite dev server per test, which transformed the renderer's modules
// again for each one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildRenderer } from '../helpers/built-renderer';
import type {} from '../helpers/harness-session';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haitai-e2e-renderer-'));
  await buildRenderer(dir);
  project.provide('rendererDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
