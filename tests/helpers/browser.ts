import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_ARGS } from '../../main/app/chromium-pdf';

/** Debian's Chromium, launched as DEVELOPERS.md prescribes for this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * One Chromium for a test file: launched before the first test, its pages closed after each test
 * (then `afterEachTest` runs, to close what the test opened), and closed after the last.
 */
export function useChromium(afterEachTest: () => Promise<void> = async () => {}): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    // Close the pages first: requests still in flight when a database closes would fail.
    for (const context of browser?.contexts() ?? []) await context.close();
    await afterEachTest();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  };
}
