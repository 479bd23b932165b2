// Two laptops on one sync server, as on a site: A (a manager, who published the demo project) and
// B (an engineer, who joined it), each a browser harness over its own data folder, both syncing.
import { startHarness, type Harness } from '../../main/harness/browser-harness';
import { openServer } from '../../server/index';

const PASSWORD = 'correct horse battery';

export interface TwoLaptops {
  a: Harness;
  b: Harness;
  projectId: string;
  /** The server's data folder and address, to stop it and bring it back on the same ones. */
  serverDir: string;
  url: string;
  /** Stops the server (the laptops go on offline); close() then closes only the laptops. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `tempDir` makes each data folder (the tests' removes them after each test, the bench's at its
 * end); `start` starts a laptop's harness (the e2e tests' serves the renderer they built once).
 */
export async function connectTwoLaptops(
  tempDir: () => string,
  start: typeof startHarness = startHarness,
): Promise<TwoLaptops> {
  const serverDir = tempDir();
  const server = await openServer({ dataDir: serverDir, loginPerMinute: 1000 });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  await server.store.createUser({
    username: 'wang',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'manager' }],
  });
  await server.store.createUser({
    username: 'li',
    password: PASSWORD,
    memberships: [{ projectId: '*', role: 'engineer' }],
  });
  const opened: { close(): Promise<void> }[] = [server];
  const close = async () => {
    while (opened.length) await opened.pop()!.close();
  };
  const stopServer = async () => {
    opened.splice(opened.indexOf(server), 1);
    await server.close();
  };
  try {
    const a = await start({ dataDir: tempDir(), onUnexpected: () => {} });
    opened.push(a);
    await a.context.api['sync:connect']({
      url,
      username: 'wang',
      password: PASSWORD,
      deviceName: 'A',
      publish: true,
    });
    const projectId = (await a.context.api['project:get']({})).id;
    const b = await start({ dataDir: tempDir(), seedDemo: false, onUnexpected: () => {} });
    opened.push(b);
    await b.context.api['sync:connect']({
      url,
      username: 'li',
      password: PASSWORD,
      deviceName: 'B',
      projectId,
    });
    return { a, b, projectId, serverDir, url, stopServer, close };
  } catch (error) {
    await close();
    throw error;
  }
}
