import fs from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, mimeType, resolveAppFile } from '../../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp';
import { guardWebContents } from '../../../main/electron/navigation';
import { mainWindowOptions } from '../../../main/electron/window-options';
import {
  DEFAULT_WINDOW_STATE,
  restoreWindowState,
  serializeWindowState,
} from '../../../main/electron/window-state';

describe('the main window', () => {
  it('follows the Electron security checklist in its web preferences', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', DEFAULT_WINDOW_STATE).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('has a CSP that allows only the app’s own scripts and no remote content', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('packaging', () => {
  it('flips the Electron fuses that close side doors into the app', () => {
    const config = fs.readFileSync('electron-builder.yml', 'utf8');
    const fuse = (name: string) => new RegExp(`^\\s+${name}: (true|false)$`, 'm').exec(config)?.[1];
    expect(fuse('runAsNode')).toBe('false');
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(fuse('enableNodeCliInspectArguments')).toBe('false');
    expect(fuse('onlyLoadAppFromAsar')).toBe('true');
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe('true');
    expect(fuse('grantFileProtocolExtraPrivileges')).toBe('false');
  });
});

describe('the app:// protocol', () => {
  const root = path.resolve('/opt/haitai/renderer');
  it('serves files under the renderer root', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/`, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(`${APP_ORIGIN}/assets/index-abc.js`, root)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(mimeType('a/index-abc.js')).toMatch(/javascript/);
  });

  it('refuses to climb out of the root or serve other hosts', () => {
    for (const url of [
      `${APP_ORIGIN}/../../etc/passwd`,
      `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`,
      `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
      `${APP_ORIGIN}/a%5c..%5c..%5cwindows`,
      `${APP_ORIGIN}/a%00.html`,
      'app://elsewhere/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const file = resolveAppFile(url, root);
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
    }
    // URL parsing folds dot segments first, so a climb lands inside the root, never outside.
    expect(resolveAppFile(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, root)).toBe(
      path.join(root, 'etc', 'passwd'),
    );
    expect(resolveAppFile(`${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fetc`, root)).toBeNull();
    expect(resolveAppFile('app://elsewhere/index.html', root)).toBeNull();
  });
});

describe('navigation and new windows', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => {
        listeners.set(name, fn);
        return contents;
      },
      setWindowOpenHandler: (fn: typeof openHandler) => {
        openHandler = fn;
      },
    };
    const fire = (name: string, url?: string) => {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return {
      contents: contents as unknown as WebContents,
      fire,
      open: (url: string) => openHandler!({ url }),
    };
  }

  it('blocks navigation away from the app and opens web links in the system browser', () => {
    const opened: string[] = [];
    const fake = fakeContents();
    guardWebContents(fake.contents, { openExternal: (url) => opened.push(url) });
    expect(fake.fire('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(fake.fire('will-navigate', 'https://www.crcc.cn/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///C:/Windows/system32/calc.exe')).toBe(true);
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
    expect(opened).toEqual(['https://www.crcc.cn/']);
  });

  it('denies every new window; only http(s) links reach the system browser', () => {
    const opened: string[] = [];
    const fake = fakeContents();
    guardWebContents(fake.contents, { openExternal: (url) => opened.push(url) });
    expect(fake.open('https://example.org/manual')).toEqual({ action: 'deny' });
    expect(fake.open('smb://share/x.exe')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/manual']);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('restores a saved position that is on a display', () => {
    const state = { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true };
    expect(restoreWindowState(serializeWindowState(state), screen)).toEqual(state);
  });

  it('falls back when the saved window is off every display or the file is damaged', () => {
    const offscreen = { bounds: { x: 3000, y: 80, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(JSON.stringify(offscreen), screen)).toEqual({
      bounds: null,
      maximized: false,
    });
    expect(restoreWindowState('{not json', screen)).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState(JSON.stringify({ bounds: { x: 'a' } }), screen)).toEqual(
      DEFAULT_WINDOW_STATE,
    );
    expect(restoreWindowState(null, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
