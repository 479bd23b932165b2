// Settings → Photo and attachment files, in jsdom over the real main, in Chinese and English: the
// retention typed is saved and then shown as saved; a refused one keeps what was typed with the
// reason beside it, in the user's language, and changes nothing; "Clear now" removes a file no
// row has named past the retention, keeps a photo removed today, and says what it cleared.
import fs from 'node:fs';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../main/domain/i18n/messages';
import {
  fileRetentionDays,
  setFileRetentionDays,
} from '../../main/features/attachments/file-collector';
import { FileSettings } from '../../renderer/src/features/attachments/FileSettings';
import { makePhoto } from '../helpers/photos';
import { openRealMain, withQueries } from './real-main';
import { renderIn } from './render';

afterEach(cleanup);

const field = () => screen.getByTestId('file-retention') as HTMLInputElement;

describe.each<Language>(['zh-CN', 'en'])('photo files in Settings, %s', (lang) => {
  const zh = lang === 'zh-CN';

  it('saves the retention typed, and keeps a refused one as typed with its reason', async () => {
    const main = await openRealMain();
    await renderIn(lang, withQueries(<FileSettings />));
    await waitFor(() => expect(field().value).toBe('30'));

    await userEvent.clear(field());
    await userEvent.type(field(), '0');
    await userEvent.click(screen.getByTestId('file-retention-save'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      zh ? '不能小于 1' : 'Not less than 1',
    );
    expect(field().value).toBe('0');
    expect(await fileRetentionDays(main.app.db)).toBe(30);

    await userEvent.clear(field());
    await userEvent.type(field(), '45');
    await userEvent.click(screen.getByTestId('file-retention-save'));
    expect((await screen.findByTestId('file-settings-message')).textContent).toBe(
      zh
        ? '已保存：删除的照片文件保留 45 天。'
        : 'Saved: the files of a removed photo are kept 45 days.',
    );
    expect(field().value).toBe('45');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await fileRetentionDays(main.app.db)).toBe(45);
  });

  it('clears a file nothing has named past the retention, keeps a photo removed today', async () => {
    const main = await openRealMain();
    const projectId = main.project.id;
    const photo = await makePhoto({
      taken: '2023:01:27 10:15:00',
      seed: 90,
      width: 320,
      height: 240,
    });
    const added = await main.app.api['attachments:add']({
      projectId,
      fileName: 'x.jpg',
      bytes: photo,
    });
    await main.app.api['attachments:remove']({ attachmentId: added.id });
    // A file no row names, written long before the demo's day (its clock is January 2023).
    const stray = 'c'.repeat(64);
    await main.app.blobs.put(Buffer.alloc(2 * 1048576, 1), stray);
    const old = new Date('2022-06-01T00:00:00Z');
    fs.utimesSync(main.app.blobs.pathOf(stray), old, old);
    await setFileRetentionDays(main.app.db, 1);
    await renderIn(lang, withQueries(<FileSettings />));
    expect((await screen.findByTestId('file-storage-held')).textContent).toContain(
      zh ? '本机保存 4 个文件' : 'Files on this laptop: 4,',
    );
    await userEvent.click(screen.getByTestId('files-collect'));
    expect((await screen.findByTestId('file-settings-message')).textContent).toBe(
      zh ? '已清理 1 个文件，释放 2.0 MB。' : 'Files cleared: 1, 2.0 MB freed.',
    );
    expect(await main.app.blobs.has(stray)).toBe(false);
    expect(await main.app.blobs.has(added.sha256)).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('file-storage-held').textContent).toContain(
        zh ? '本机保存 3 个文件' : 'Files on this laptop: 3,',
      ),
    );
    await userEvent.click(screen.getByTestId('files-collect'));
    await waitFor(() =>
      expect(screen.getByTestId('file-settings-message').textContent).toBe(
        zh ? '没有需要清理的文件。' : 'There is nothing to clear.',
      ),
    );
  });
});
