// Parses a user's file on a worker thread, so a large or hostile file never freezes the window:
// the main thread waits, bounded in memory and time, and gets the value or a typed refusal.
//
// The worker's code is one CommonJS bundle of parse-worker.ts. The built app ships it beside its
// main bundle (scripts/build.mjs); run from source (the CLI, tests, the browser harness) it is
// bundled once per process with esbuild, which tsx brings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import type { ParseReply, ParseTask } from './parse-worker';

/** The worker's file name beside the built main bundle. */
export const PARSE_WORKER_BUNDLE = 'parse-worker.cjs';

let source: Promise<string> | null = null;

async function bundleFromSource(): Promise<string> {
  const { build } = await import('esbuild');
  const entry = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function workerSource(): Promise<string> {
  source ??= (async () => {
    // In the built app this module is part of out/main/index.cjs, where __dirname is defined.
    const built = typeof __dirname === 'string' ? path.join(__dirname, PARSE_WORKER_BUNDLE) : null;
    if (built && fs.existsSync(built)) return fs.promises.readFile(built, 'utf8');
    return bundleFromSource();
  })();
  source.catch(() => (source = null));
  return source;
}

export interface ParseLimits {
  memoryMb: number;
  timeoutMs: number;
  /**
   * Hands the bytes' memory to the worker instead of copying it (the caller must not use them
   * afterwards); only bytes that own their whole buffer can be handed over.
   */
  transfer?: boolean;
}

const DEFAULT_LIMITS: ParseLimits = { memoryMb: 512, timeoutMs: 30_000 };

/** Parses `bytes` as `task` on a worker thread; refusals carry the file's name. */
export async function parseOffThread(
  task: ParseTask,
  bytes: Uint8Array,
  file: string,
  limits: ParseLimits = DEFAULT_LIMITS,
  options?: unknown,
): Promise<unknown> {
  const code = await workerSource();
  return new Promise((resolve, reject) => {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const worker = new Worker(code, {
      eval: true,
      workerData: { task, bytes, options },
      ...(limits.transfer && own ? { transferList: [bytes.buffer as ArrayBuffer] } : {}),
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 8 },
    });
    const refuse = (reason: string) => reject(new AppError('import.unreadable', { file, reason }));
    const timer = setTimeout(() => {
      void worker.terminate();
      refuse('took too long to read');
    }, limits.timeoutMs);
    worker.once('message', (m: ParseReply) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else reject(AppError.fromJSON({ ...m.error, details: { ...m.error.details, file } }));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      refuse(error.message.slice(0, 300));
    });
  });
}
