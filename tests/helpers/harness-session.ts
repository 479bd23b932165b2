// One Chromium for a test file, and the browser harness over a data folder per test: the real
// renderer, served by Vite, against a real SQLite file.
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startHarness, type Harness } from '../../main/harness/browser-harness';
import { useChromium } from './browser';
import { openOn } from './welcome';

export interface HarnessSession {
  /** Starts the harness on dataDir and opens the app on its Today screen (or the screen given). */
  open(dataDir: string, firstScreen?: string): Promise<{ page: Page; harness: Harness }>;
  /** Closes the page and the harness, as quitting the app would. */
  restart(page: Page): Promise<void>;
  readonly harness: Harness;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The renderer the e2e run built once (tests/e2e/global-setup.ts). */
    rendererDir: string;
  }
}

/** A harness over the renderer the e2e run built once (tests/e2e/global-setup.ts). */
export function startE2eHarness(
  options: Omit<Parameters<typeof startHarness>[0], 'rendererDir'>,
): Promise<Harness> {
  return startHarness({ ...options, rendererDir: inject('rendererDir') });
}

export function useHarnessSession(viewport = { width: 1440, height: 1000 }): HarnessSession {
  let harness: Harness | null = null;
  const unexpected: unknown[] = [];
  const browser = useChromium(async () => {
    await harness?.close();
    harness = null;
    expect(unexpected).toEqual([]);
  });

  return {
    async open(dataDir, firstScreen = 'today') {
      harness = await startE2eHarness({ dataDir, onUnexpected: (e) => unexpected.push(e) });
      const page = await browser().newPage({ viewport });
      page.on('pageerror', (e) => unexpected.push(e));
      await page.goto(harness.url);
      await openOn(page, firstScreen);
      return { page, harness };
    },
    async restart(page) {
      await page.close();
      await harness?.close();
      harness = null;
    },
    get harness() {
      if (!harness) throw new Error('no harness open');
      return harness;
    },
  };
}
