import { openAppContext, type AppContext } from '../../main/app/app-context';
import { afterThisTest } from './cleanup';
import { migratedDataDir } from './migrated-template';

/** A fresh app over a temporary data directory with the demo project seeded. */
export async function demoApp(): Promise<AppContext> {
  const context = await openAppContext({
    dataDir: await migratedDataDir('haitai-test-'),
    runtime: 'test',
    seedDemo: true,
  });
  afterThisTest('apps', () => context.close());
  return context;
}
