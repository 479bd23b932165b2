// Adding a camera folder (issue 30): in jsdom over the real main, in Chinese and English, photos
// go in as many at a time as the laptop has cores, a file that is not a photo is refused alone, and
// "stop" lets the photos under way finish, starts no other, and keeps what was added.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WindowApi } from '../../main/api/contract';
import type { Language } from '../../main/domain/i18n/messages';
import { AddPhotos } from '../../renderer/src/features/attachments/AddPhotos';
import { POOL_SIZE } from '../../renderer/src/shared/pool';
import { makePhoto } from '../helpers/photos';
import { openRealMain, withQueries } from './real-main';
import { renderIn } from './render';

afterEach(cleanup);

async function photos(day: string, count: number): Promise<File[]> {
  const taken = `${day.replaceAll('-', ':')} 10:00:00`;
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const bytes = await makePhoto({ taken, seed: 60 + i, width: 320, height: 240 });
      return new File([new Uint8Array(bytes)], `IMG_${i}.jpg`, { type: 'image/jpeg' });
    }),
  );
}

/** Counts the adds under way at once; `gate` holds each add until it resolves. */
function watchAdds(gate?: Promise<void>) {
  const api = window.api!;
  const invoke = api.invoke;
  const seen = { now: 0, most: 0, started: 0, asBytes: 0 };
  window.api = {
    ...api,
    invoke: (async (channel: string, input: unknown) => {
      if (channel !== 'attachments:add') return invoke(channel as never, input as never);
      seen.started++;
      // The file goes as its bytes (IPC carries them as they are), never as base64 text.
      const sent = input as { bytes?: unknown; dataBase64?: unknown };
      if (sent.bytes instanceof Uint8Array && sent.dataBase64 === undefined) seen.asBytes++;
      seen.most = Math.max(seen.most, ++seen.now);
      try {
        await gate;
        return await invoke(channel as never, input as never);
      } finally {
        seen.now--;
      }
    }) as WindowApi['invoke'],
  };
  return seen;
}

describe.each<Language>(['zh-CN', 'en'])('adding photos in %s', (lang) => {
  const zh = lang === 'zh-CN';

  it('adds a folder a few at a time and refuses a bad file alone', async () => {
    const main = await openRealMain();
    const projectId = main.project.id;
    const day = main.project.settings.demoToday!;
    const seen = watchAdds();
    await renderIn(lang, withQueries(<AddPhotos projectId={projectId} testId="add" />));
    const files = [
      ...(await photos(day, 5)),
      new File(['not a photo'], 'broken.jpg', { type: 'image/jpeg' }),
    ];
    fireEvent.change(screen.getByTestId('add-input'), { target: { files } });
    const added = await screen.findByTestId('add-added');
    expect(added.textContent).toBe(
      zh ? `已添加 5 个，按拍摄日期放在：${day}` : `5 added, on the days they were taken: ${day}`,
    );
    expect(screen.getByTestId('add-refused').textContent).toContain('broken.jpg');
    expect(seen.started).toBe(6);
    expect(seen.asBytes).toBe(6);
    // The laptop's cores, here at least two: more than one at once.
    expect(POOL_SIZE).toBeGreaterThan(1);
    expect(seen.most).toBe(Math.min(POOL_SIZE, files.length));
    const list = await main.app.api['attachments:list']({ projectId, siteDay: day });
    expect(list.map((a) => a.fileName).sort()).toEqual([
      'IMG_0.jpg',
      'IMG_1.jpg',
      'IMG_2.jpg',
      'IMG_3.jpg',
      'IMG_4.jpg',
    ]);
  });

  it('stops: the photos under way finish, no other starts, and what was added stays', async () => {
    const main = await openRealMain();
    const projectId = main.project.id;
    const day = main.project.settings.demoToday!;
    let release = () => {};
    const seen = watchAdds(new Promise<void>((resolve) => (release = resolve)));
    await renderIn(lang, withQueries(<AddPhotos projectId={projectId} testId="add" />));
    const files = await photos(day, 6);
    fireEvent.change(screen.getByTestId('add-folder'), { target: { files } });
    await waitFor(() => expect(seen.now).toBe(Math.min(POOL_SIZE, files.length)));
    const stop = screen.getByTestId('add-stop');
    expect(stop.textContent).toBe(zh ? '停止添加' : 'Stop adding');
    fireEvent.click(stop);
    expect(screen.getByTestId('add-stop').textContent).toBe(zh ? '正在停止…' : 'Stopping…');
    await act(async () => release());
    const stopped = await screen.findByTestId('add-stopped');
    const left = files.length - POOL_SIZE;
    expect(stopped.textContent).toBe(
      zh
        ? `已停止：${left} 个文件未添加，已添加的保留。`
        : `Stopped: ${left} file(s) not added; those added are kept.`,
    );
    expect(seen.started).toBe(POOL_SIZE);
    const list = await main.app.api['attachments:list']({ projectId, siteDay: day });
    expect(list).toHaveLength(POOL_SIZE);
  });
});
