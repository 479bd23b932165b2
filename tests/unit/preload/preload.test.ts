import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../main/api/channels';
import { createPreloadApi } from '../../../main/preload/preload-api';
// @ts-expect-error a build script in plain JavaScript, without type declarations
import { preloadBuildOptions } from '../../../scripts/preload-build.mjs';

describe('the preload’s window.api', () => {
  it('exposes two frozen functions, invoke and onChanges, and nothing of ipcRenderer', () => {
    const api = createPreloadApi(async () => ({ ok: true, value: null }));
    expect(Object.keys(api)).toEqual(['invoke', 'onChanges']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).send = () => {};
    }).toThrow();
  });

  it('passes contract channels through and refuses every other name without calling main', async () => {
    const calls: [string, unknown][] = [];
    const api = createPreloadApi(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    });
    for (const channel of CHANNELS) {
      expect(await api.invoke(channel, {} as never)).toEqual({ ok: true, value: channel });
    }
    for (const name of ['ELECTRON_BROWSER_REQUIRE', 'panels:delete', '', '__proto__', 42]) {
      const reply = await api.invoke(name as never, {} as never);
      expect(reply).toMatchObject({ ok: false, error: { code: 'api.unknown_channel' } });
    }
    expect(calls.map(([c]) => c)).toEqual([...CHANNELS]);
  });

  it('bundles into a sandbox-safe script that requires nothing but electron', async () => {
    const result = await build(
      await preloadBuildOptions({
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        external: ['electron'],
        logLevel: 'silent',
      }),
    );
    const code = result.outputFiles[0]!.text;
    // The allowlist is the contract's channel list, without zod and the schemas.
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toContain('ZodError');
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: async (channel: string) => invoked.push(channel) },
    };
    new Function('require', code)(() => electron);
    const api = exposed.api as { invoke: (c: string, i: unknown) => Promise<unknown> };
    for (const channel of [...CHANNELS, 'panels:delete']) await api.invoke(channel, {});
    expect(invoked).toEqual([...CHANNELS]);
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
