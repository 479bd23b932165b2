// Signing a laptop in to a server: the login, the project it will sync and the user's role there,
// all kept in local settings in one transaction (with the whole project queued when it publishes).
import { SCHEMA_VERSION } from '../../db/migrations';
import { firstProjectId } from '../../db/repositories/project-repository';
import { getSetting, setSettings } from '../../db/repositories/settings-repository';
import {
  enqueueReplay,
  projectCellsWithVersions,
  type TableInfo,
} from '../../db/repositories/sync-repository';
import { AppError } from '../domain/errors';
import type { LoginResponse, Role } from '../domain/sync-protocol';
import { SyncHttp, type Fetch } from './http-client';
import { SYNC_KEYS as KEYS } from './settings-keys';
import type { Store } from './store';
import type { TokenVault } from './token-vault';

export interface SignInInput {
  url: string;
  username: string;
  password: string;
  deviceName: string;
  projectId?: string;
  /** Send this laptop's active project to the server whole (its first laptop). */
  publish?: boolean;
}

export interface SignedIn {
  login: LoginResponse;
  projectId: string;
  role: Role;
}

/** The role a login grants on a project: its own membership, else an all-projects one. */
export const roleOn = (
  projects: readonly { project_id: string; role: string }[],
  projectId: string,
): Role | null =>
  ((projects.find((p) => p.project_id === projectId) ?? projects.find((p) => p.project_id === '*'))
    ?.role as Role | undefined) ?? null;

export async function signIn(
  deps: { store: Store; vault: TokenVault; info: () => Promise<Map<string, TableInfo>> },
  input: SignInInput,
  fetchFn?: Fetch,
): Promise<SignedIn> {
  const { store, vault } = deps;
  const url = new URL(input.url).toString();
  const client = (token: string | null) =>
    new SyncHttp({
      baseUrl: url,
      token,
      schemaVersion: SCHEMA_VERSION,
      ...(fetchFn ? { fetch: fetchFn } : {}),
    });
  const login = await client(null).login(
    input.username,
    input.password,
    input.deviceName,
    store.identity.nodeId,
    // A laptop handed to another user proves it is the laptop by the token it held.
    await vault.read(store.db).catch(() => null),
  );
  const me = await client(login.token).me();
  const local =
    (await getSetting(store.db, KEYS.active)) ?? (await firstProjectId(store.db)) ?? null;
  const projectId = input.projectId ?? (input.publish ? local : me.visible[0]) ?? null;
  if (!projectId) throw new AppError('not_found', { entity: 'project', id: '' });
  const role = roleOn(login.projects, projectId);
  if (!role) throw new AppError('auth.forbidden', { role: 'none' });
  // Publishing is a manager's act; the server records who and when.
  if (input.publish && role !== 'manager' && role !== 'admin')
    throw new AppError('auth.forbidden', { role });
  if (input.publish) await client(login.token).publish(projectId);
  await store.db.transaction(async (trx) => {
    await vault.write(trx, login.token);
    await setSettings(trx, {
      [KEYS.url]: url,
      [KEYS.tokenIssuedAt]: store.now().toISOString(),
      [KEYS.username]: login.user.username,
      [KEYS.userId]: login.user.id,
      [KEYS.displayName]: login.user.display_name,
      [KEYS.role]: role,
      [KEYS.project]: projectId,
      // A published project starts from the log's beginning; a followed one from a snapshot.
      [KEYS.cursor]: input.publish ? '0' : null,
      [KEYS.epoch]: null,
      [KEYS.lastAcked]: '0',
      [KEYS.snapshotAsOf]: null,
      [KEYS.snapshotCursor]: null,
      [KEYS.active]: projectId,
    });
    if (input.publish) {
      const cells = await projectCellsWithVersions(
        trx,
        projectId,
        await deps.info(),
        store.clock.tick(),
      );
      await enqueueReplay(trx, cells, store.now().toISOString());
    }
  });
  return { login, projectId, role };
}

/** How old a device token may grow before the laptop exchanges it. */
const TOKEN_ROTATE_MS = 7 * 24 * 3600_000;

/**
 * A week after it was issued, the device token is exchanged for a new one. If the answer is lost,
 * the old token still works until the new one is first used, and the next cycle tries again.
 */
export async function rotateTokenIfOld(deps: {
  store: Store;
  vault: TokenVault;
  http: () => Promise<SyncHttp>;
}): Promise<void> {
  const { store } = deps;
  const issued = Date.parse((await getSetting(store.db, KEYS.tokenIssuedAt)) ?? '');
  if (store.now().getTime() - (Number.isNaN(issued) ? 0 : issued) < TOKEN_ROTATE_MS) return;
  const { token } = await (await deps.http()).rotateToken();
  await store.db.transaction(async (trx) => {
    await deps.vault.write(trx, token);
    await setSettings(trx, { [KEYS.tokenIssuedAt]: store.now().toISOString() });
  });
}
