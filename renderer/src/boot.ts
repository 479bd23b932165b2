// The first module the renderer runs (main.tsx imports it first, and it imports only the bridge
// to main): the first screen's read leaves here, before React, the query cache, the translations
// and the screens are evaluated (issue 16); data/first-reads.ts puts its answer in the cache the
// screens read from.
import { windowApi } from './bridge';

/** One read answers the welcome check, the project and the Today screen's day. */
export const opening = windowApi()
  .invoke('today:opening', {})
  .catch(() => null);
