// No navigation away from the app and no new windows (Electron security checklist, items 13-14).
// Web links a user clicks open in the system browser instead.
import type { WebContents } from 'electron';
import { isTrustedUrl } from './app-protocol';

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export interface GuardOptions {
  openExternal: (url: string) => void;
  devServerUrl?: string | null;
}

export function guardWebContents(contents: Guarded, options: GuardOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url, options.devServerUrl)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) options.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, options.devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}
