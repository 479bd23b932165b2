// Parses a user's JSON file on a worker thread, so a large or hostile file never freezes the
// window: the main thread waits, bounded in memory and time, and gets the value or a refusal.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(workerData);
  parentPort.postMessage({ ok: true, value: JSON.parse(text.replace(/^\\uFEFF/, '')) });
} catch (error) {
  parentPort.postMessage({ ok: false, reason: String((error && error.message) || error) });
}`;

export function parseJsonOffThread(
  bytes: Uint8Array,
  file: string,
  limits = { memoryMb: 512, timeoutMs: 30_000 },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, {
      eval: true,
      workerData: bytes,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    const refuse = (reason: string) => reject(new AppError('import.unreadable', { file, reason }));
    const timer = setTimeout(() => {
      void worker.terminate();
      refuse('took too long to read');
    }, limits.timeoutMs);
    worker.once('message', (m: { ok: boolean; value?: unknown; reason?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else refuse(`not JSON: ${m.reason ?? ''}`.slice(0, 300));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      refuse(error.message.slice(0, 300));
    });
  });
}
