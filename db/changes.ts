// Which tables a piece of work changed, so that open screens read them again (issue 27). A
// channel call collects the tables its writes changed and its reply names them (the renderer
// refreshes what shows them before the call resolves); work no call waits for (a pull, a merge,
// a snapshot) announces them on the app's feed, which reaches the window as an event.
import { AsyncLocalStorage } from 'node:async_hooks';

interface Collector {
  tables: Set<string>;
  /** Closed when its call has answered: a timer started by the call announces, not collects. */
  open: boolean;
}

const scope = new AsyncLocalStorage<Collector>();

/** Runs fn, collecting the tables its writes change. */
export async function collectingChanges<T>(
  fn: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; changed: string[] }> {
  const collector: Collector = { tables: new Set(), open: true };
  let outcome: PromiseSettledResult<T>;
  try {
    outcome = { status: 'fulfilled', value: await scope.run(collector, fn) };
  } catch (reason) {
    outcome = { status: 'rejected', reason };
  }
  collector.open = false;
  return { outcome, changed: [...collector.tables].sort() };
}

/** Adds tables to the call under way; false when there is none (the caller announces them). */
export function collectChanged(tables: Iterable<string>): boolean {
  const collector = scope.getStore();
  if (!collector?.open) return false;
  for (const table of tables) collector.tables.add(table);
  return true;
}

export type ChangeListener = (tables: string[]) => void;

/** The app's announcements of changes no call is waiting for (one per app, kept across restores). */
export interface ChangeFeed {
  /** Tables a committed write changed: collected by the call under way, else announced. */
  changed(tables: Iterable<string>): void;
  subscribe(listener: ChangeListener): () => void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    changed(tables) {
      const list = [...new Set(tables)].sort();
      if (list.length === 0 || collectChanged(list)) return;
      for (const listener of listeners) {
        try {
          listener(list);
        } catch {
          // A listener that fails (a closed window) does not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
