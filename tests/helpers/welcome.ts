import type { Page } from 'playwright-core';

/**
 * Waits for the app to open on `screen`; on a laptop's first run it opens on the welcome screen
 * instead, where this chooses the demo, as a user trying the app would.
 */
export async function openOn(page: Page, screen = 'today'): Promise<void> {
  const welcome = page.getByTestId('welcome');
  await page.getByTestId(screen).or(welcome).first().waitFor();
  if (screen !== 'welcome' && (await welcome.isVisible())) {
    await page.getByTestId('welcome-demo').click();
    await page.getByTestId(screen).waitFor();
  }
}
