import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../main/cli/chromium-pdf';

/** Debian's Chromium, launched as DEVELOPERS.md prescribes for this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
