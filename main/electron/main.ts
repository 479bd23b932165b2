// The Electron entry point: app lifecycle and wiring only. Everything it calls is tested without
// Electron; see tests/unit/electron.
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { pathToFileURL } from 'node:url';
import { describeError, toAppError } from '../domain/i18n/translate';
import type { Language } from '../domain/i18n/messages';
import { resolveDataDir } from '../app/app-context';
import { openAppHost, type AppHost } from '../app/app-host';

import { APP_ORIGIN, APP_SCHEME, isTrustedUrl, mimeType, resolveAppFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';
import { forwardChanges, registerIpc } from './ipc';
import { electronPdfEngine } from './print-pdf';
import { guardWebContents } from './navigation';
import { mainWindowOptions } from './window-options';
import { restoreWindowState, serializeWindowState } from './window-state';

/** A local backup when the newest is older than this: twice a working day. */
const BACKUP_EVERY_MS = 6 * 60 * 60 * 1000;
/** Attachments' files no row needs are looked for once a day (docs/user-guide: Photos). */
const COLLECT_FILES_EVERY_MS = 24 * 60 * 60 * 1000;

const devServerUrl = process.env.HAITAI_RENDERER_URL || null;
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function userLanguage(): Language {
  return app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererRoot);
    if (!file || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      status: 200,
      headers: {
        'content-type': mimeType(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
    });
  });
}

function createMainWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = fs.existsSync(stateFile) ? fs.readFileSync(stateFile, 'utf8') : null;
  const state = restoreWindowState(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(mainWindowOptions(preloadPath, state));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const next = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      fs.writeFileSync(stateFile, serializeWindowState(next));
    } catch {
      // Losing the window position is harmless; never block closing on it.
    }
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      openExternal: (url) => void shell.openExternal(url),
      devServerUrl,
    }),
  );
  serveRenderer();

  let host: AppHost;
  try {
    const dataDir = resolveDataDir(undefined, app.getPath('userData'));
    // A damaged database opens the app in recovery mode (offering the backups), not this dialog.
    host = await openAppHost({
      dataDir,
      runtime: 'electron',
      seedDemo: true,
      startSync: true,
      pdfEngine: electronPdfEngine,
      electronVersion: process.versions.electron ?? null,
      backupEveryMs: BACKUP_EVERY_MS,
      collectFilesEveryMs: COLLECT_FILES_EVERY_MS,
      // The device token is sealed by the OS where it offers that (Settings warns where not).
      syncOptions: {
        cipher: {
          isAvailable: () => safeStorage.isEncryptionAvailable(),
          encrypt: (plain) => safeStorage.encryptString(plain),
          decrypt: (sealed) => safeStorage.decryptString(sealed),
        },
      },
    });
  } catch (error) {
    const lang = userLanguage();
    dialog.showErrorBox(
      lang === 'zh-CN' ? '海太进度无法启动' : 'Haitai Progress cannot start',
      describeError(lang, toAppError(error)),
    );
    app.exit(1);
    return;
  }

  registerIpc(ipcMain, host.api, {
    isTrustedSender: (url) => isTrustedUrl(url, devServerUrl),
    onUnexpected: (channel, error) => console.error(`[ipc] ${channel}`, error),
  });
  forwardChanges(host.changes, () => BrowserWindow.getAllWindows());

  let win = createMainWindow();
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void host.close());
}

void start();
