import { openAppContext, type AppContext } from '../../main/app/app-context';
import { afterThisTest } from './cleanup';
import { tempDir } from './temp-dir';

/** A fresh app over a temporary data directory with the demo project seeded. */
export async function demoApp(): Promise<AppContext> {
  const context = await openAppContext({ dataDir: tempDir(), runtime: 'test', seedDemo: true });
  afterThisTest('apps', () => context.close());
  return context;
}
