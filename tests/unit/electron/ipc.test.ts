import { DEFAULT_CALENDAR } from '../../../main/domain/schedule';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../main/api/channels';
import { defineHandlers, type Implementation } from '../../../main/api/dispatch';
import type { Api } from '../../../main/api/contract';
import { AppError } from '../../../main/domain/errors';
import { APP_ORIGIN, isTrustedUrl } from '../../../main/electron/app-protocol';
import { registerIpc } from '../../../main/electron/ipc';
import { DEFAULT_SETTINGS } from '../../../main/domain/settings';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Records what registerIpc hands to ipcMain, as Electron's ipcMain would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const eventFrom = (url: string | undefined) =>
  ({ senderFrame: url === undefined ? null : { url } }) as unknown as IpcMainInvokeEvent;

const project = {
  id: 'p',
  code: 'P',
  nameZh: '项',
  nameEn: 'P',
  timezone: 'Asia/Shanghai',
  isDemo: true,
  ownerName: null,
  contractorName: null,
  settings: DEFAULT_SETTINGS,
  calendar: DEFAULT_CALENDAR,
  structures: [],
};
const unused = Object.fromEntries(
  CHANNELS.map((c) => [c, async () => Promise.reject(new Error(`${c} not used here`))]),
) as unknown as Implementation;
const api: Api = defineHandlers({
  ...unused,
  'app:info': async () => {
    throw new Error('disk on fire');
  },
  'project:get': async () => project,
  'panels:list': async () => [],
  'panels:get': async ({ panelId }) => {
    throw new AppError('not_found', { entity: 'panel', id: panelId });
  },
});

describe('registerIpc', () => {
  it('registers exactly the contract channels, and removes them again', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc, api, { isTrustedSender: () => true });
    expect([...ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers the app’s own pages with an envelope', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc, api, { isTrustedSender: (url) => isTrustedUrl(url) });
    const reply = await ipc.handlers.get('project:get')!(eventFrom(`${APP_ORIGIN}/index.html`), {});
    expect(reply).toEqual({ ok: true, value: project });
  });

  it('refuses frames that are not the app: other origins, file://, missing frames', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc, api, { isTrustedSender: (url) => isTrustedUrl(url) });
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'about:blank',
      undefined,
    ]) {
      const reply = (await ipc.handlers.get('project:get')!(eventFrom(url), {})) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(reply.ok, String(url)).toBe(false);
      expect(reply.error?.code).toBe('api.untrusted_sender');
    }
  });

  it('validates input and never throws across IPC: bad input, typed errors, crashes', async () => {
    const ipc = fakeIpcMain();
    const unexpected: string[] = [];
    registerIpc(ipc, api, {
      isTrustedSender: () => true,
      onUnexpected: (channel) => unexpected.push(channel),
    });
    const trusted = eventFrom(`${APP_ORIGIN}/`);
    const bad = (await ipc.handlers.get('panels:get')!(trusted, { panelId: 7 })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const missing = await ipc.handlers.get('panels:get')!(trusted, {
      panelId: '01890a5d-ac96-774b-bcce-b302099a8057',
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'not_found', details: { entity: 'panel' } },
    });
    const crash = await ipc.handlers.get('app:info')!(trusted, {});
    expect(crash).toMatchObject({
      ok: false,
      error: { code: 'internal', details: { reason: 'disk on fire' } },
    });
    expect(unexpected).toEqual(['app:info']);
  });

  it('takes a photo as the bytes IPC carries, bounded, and refuses it given twice or as text', async () => {
    const ipc = fakeIpcMain();
    const received: Uint8Array[] = [];
    const photos: Api = defineHandlers({
      ...unused,
      'attachments:add': async (input) => {
        received.push(input.bytes!);
        throw new AppError('not_found', { entity: 'project', id: input.projectId });
      },
    });
    registerIpc(ipc, photos, { isTrustedSender: () => true });
    const add = (input: unknown) =>
      ipc.handlers.get('attachments:add')!(eventFrom(`${APP_ORIGIN}/`), input) as Promise<{
        ok: boolean;
        error: { code: string };
      }>;
    const projectId = '01890a5d-ac96-774b-bcce-b302099a8057';
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    expect((await add({ projectId, fileName: 'a.jpg', bytes })).error.code).toBe('not_found');
    expect(received).toEqual([bytes]);
    for (const input of [
      { projectId, fileName: 'a.jpg', bytes, dataBase64: '/9j/' },
      { projectId, fileName: 'a.jpg', bytes: 'not bytes' },
      { projectId, fileName: 'a.jpg', bytes: [255, 216] },
      { projectId, fileName: 'a.jpg', bytes: new Uint8Array(50 * 1024 * 1024 + 1) },
    ])
      expect((await add(input)).error.code).toBe('input.invalid');
    expect(received).toHaveLength(1);
  });
});

describe('isTrustedUrl', () => {
  it('trusts the dev server only when one is configured, and only its origin', () => {
    expect(isTrustedUrl('http://127.0.0.1:5173/', null)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isTrustedUrl('not a url')).toBe(false);
  });
});
