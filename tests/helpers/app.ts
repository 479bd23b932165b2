import { afterEach } from 'vitest';
import { openAppContext, type AppContext } from '../../main/app/app-context';
import { tempDir } from './temp-dir';

const opened: AppContext[] = [];

/** A fresh app over a temporary data directory with the demo project seeded. */
export async function demoApp(): Promise<AppContext> {
  const context = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
  opened.push(context);
  return context;
}

afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});
