// A photo's thumbnail, preview or original as a data URL for an <img>, fetched through the API
// (which fetches from the server a file this laptop lacks) and kept for the session, a few hundred
// at most, so scrolling a gallery back does not fetch again.
import { useEffect, useState } from 'react';
import { call } from '../../api';

type Variant = 'thumb' | 'preview' | 'original';

const KEEP = 400;
const cache = new Map<string, Promise<string>>();

export function photoUrl(attachmentId: string, variant: Variant): Promise<string> {
  const key = `${attachmentId}:${variant}`;
  let url = cache.get(key);
  if (!url) {
    url = call('attachments:file', { attachmentId, variant }).then(
      (f) => `data:${f.mediaType};base64,${f.dataBase64}`,
    );
    url.catch(() => cache.delete(key));
    cache.set(key, url);
    if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  }
  return url;
}

export type PhotoState = { url: string } | { error: unknown } | null;

export function usePhoto(attachmentId: string, variant: Variant): PhotoState {
  const [state, setState] = useState<{ key: string; value: PhotoState } | null>(null);
  const key = `${attachmentId}:${variant}`;
  useEffect(() => {
    let live = true;
    photoUrl(attachmentId, variant).then(
      (url) => live && setState({ key, value: { url } }),
      (error: unknown) => live && setState({ key, value: { error } }),
    );
    return () => {
      live = false;
    };
  }, [attachmentId, variant, key]);
  return state?.key === key ? state.value : null;
}
