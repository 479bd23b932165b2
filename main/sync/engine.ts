// The laptop's sync loop: push the outbox, pull the project's log (or a snapshot first), apply by
// last-writer-wins, and keep going on start, after local writes, on the server's notification,
// on reconnect with backoff, and on "Sync now". Nothing is dropped on any failure: the outbox
// keeps every unacknowledged change and the cursor moves only with the data it covers.
import path from 'node:path';
import { SCHEMA_VERSION } from '../../db/migrations';
import { type MergeResult } from '../../db/repositories/natural-key-merge';
import { usersNamed } from '../../db/repositories/people-repository';
import { retryKeptAside } from '../../db/repositories/remote-apply';
import {
  getSetting,
  getSettingsWithPrefix,
  setSettings,
} from '../../db/repositories/settings-repository';
import {
  countKeptAside,
  countOutbox,
  countRejected,
  dropLocalOnlyOutbox,
  readTableInfo,
  type TableInfo,
} from '../../db/repositories/sync-repository';
import { AppError, type SerializedAppError } from '../domain/errors';
import type { Role } from '../domain/sync-protocol';
import type { SyncState, SyncStatus, TokenProtection } from '../domain/sync-status';
import type { FolderBlobStore } from '../../db/blob-store';
import { FileTransfers, fetchBlob } from './blob-sync';
import { SyncHttp, type Fetch } from './http-client';
import { SYNC_KEYS as KEYS } from './settings-keys';
import { rotateTokenIfOld, signIn, type SignInInput } from './sign-in';
import {
  checkServerMemory,
  fetchSnapshot,
  pullLog,
  pushOutbox,
  refreshRole,
  type StepContext,
} from './steps';
import type { Store } from './store';
import { TokenVault, type SecretCipher } from './token-vault';

export type { SyncState, SyncStatus } from '../domain/sync-status';

export interface SyncEngineOptions {
  store: Store;
  /** Attachments' files; without it (a bare engine in tests) no files travel. */
  blobs?: FolderBlobStore;
  fetch?: Fetch;
  /** Delays before retrying after a failure; the last repeats. */
  backoffMs?: number[];
  debounceMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Test hook: runs inside the pull transaction after a batch is applied (a throw = a crash). */
  afterApply?: () => void;
  /** The OS's encryption for the device token (Electron's safeStorage); none outside the app. */
  cipher?: SecretCipher | null;
}

export class SyncEngine {
  private readonly store: Store;
  private readonly fetchFn: Fetch | undefined;
  private readonly backoff: number[];
  private readonly debounceMs: number;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly afterApply: () => void;
  private readonly vault: TokenVault;
  private readonly blobs: FolderBlobStore | null;
  private readonly files: FileTransfers | null;
  private info: Map<string, TableInfo> | null = null;
  private state: SyncState = 'not_configured';
  private error: SerializedAppError | null = null;
  private progress: SyncStatus['progress'] = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private listening: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.fetchFn = options.fetch;
    this.backoff = options.backoffMs ?? [1000, 2000, 5000, 10_000, 30_000, 60_000];
    this.debounceMs = options.debounceMs ?? 250;
    this.log = options.log ?? (() => {});
    this.afterApply = options.afterApply ?? (() => {});
    this.vault = new TokenVault(path.dirname(this.store.file), options.cipher ?? null);
    this.blobs = options.blobs ?? null;
    this.files = this.blobs
      ? new FileTransfers({
          db: this.store.db,
          blobs: this.blobs,
          changed: () => this.changed(),
          log: this.log,
        })
      : null;
  }

  /** Waits for the file lane's pass under way (tests, and before closing). */
  async filesIdle(): Promise<void> {
    await this.files?.idle();
  }

  /** Keeps every attachment's preview and original on this laptop, or only thumbnails. */
  async keepAllFiles(keepAll: boolean): Promise<void> {
    await setSettings(this.db, { [KEYS.keepAllFiles]: keepAll ? '1' : '0' });
    const projectId = await getSetting(this.db, KEYS.project);
    if (keepAll && projectId && this.files && (await this.vault.has(this.db)))
      this.files.kick(() => this.http(), projectId);
    this.changed();
  }

  /** Fetches one attachment file this laptop lacks, now (a photo opened from another laptop). */
  async fetchFile(projectId: string, sha256: string): Promise<void> {
    if (!this.blobs || !(await this.vault.has(this.db))) return;
    if ((await getSetting(this.db, KEYS.project)) !== projectId) return;
    await fetchBlob(await this.http(), this.blobs, projectId, sha256);
  }

  /** How this laptop keeps its device token (Settings warns when it is not OS-encrypted). */
  tokenProtection(): TokenProtection {
    return this.vault.protection();
  }

  private get db() {
    return this.store.db;
  }

  private async tableInfo(): Promise<Map<string, TableInfo>> {
    this.info ??= await readTableInfo(this.db);
    return this.info;
  }

  /** Applies anything kept aside for this version, and tidies the outbox. Run at start-up. */
  async init(): Promise<void> {
    await dropLocalOnlyOutbox(this.db);
    await this.vault.upgrade(this.db);
    const info = await this.tableInfo();
    await this.db.transaction((trx) => retryKeptAside(trx, info));
    this.state = (await this.vault.has(this.db)) ? 'idle' : 'not_configured';
  }

  onStatus(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async status(): Promise<SyncStatus> {
    const settings = await getSettingsWithPrefix(this.db, 'sync.');
    const get = (key: string) => settings.get(key) ?? null;
    return {
      state: get(KEYS.token) ? this.state : 'not_configured',
      serverUrl: get(KEYS.url),
      username: get(KEYS.username),
      role: get(KEYS.role) as Role | null,
      projectId: get(KEYS.project),
      lastSyncAt: get(KEYS.lastSync),
      pendingChanges: await countOutbox(this.db, get(KEYS.project)),
      keptAside: await countKeptAside(this.db),
      rejected: await countRejected(this.db),
      error: this.error,
      progress: this.progress,
      files: this.files
        ? await this.files.status(get(KEYS.project))
        : { pendingUploads: 0, keepAll: false, transfer: null, error: null },
    };
  }

  private async http(): Promise<SyncHttp> {
    const url = await getSetting(this.db, KEYS.url);
    if (!url) throw new AppError('sync.not_connected', {});
    return new SyncHttp({
      baseUrl: url,
      token: await this.vault.read(this.db),
      schemaVersion: SCHEMA_VERSION,
      ...(this.fetchFn ? { fetch: this.fetchFn } : {}),
    });
  }

  /**
   * Signs this laptop in. With `publish`, the laptop's active project is sent to the server whole
   * (its first laptop); otherwise the laptop follows a project the server already has.
   */
  async connect(input: SignInInput): Promise<SyncStatus> {
    const { login, projectId, role } = await signIn(
      { store: this.store, vault: this.vault, info: () => this.tableInfo() },
      input,
      this.fetchFn,
    );
    const localUserId = this.store.identity.userId;
    // From now on this laptop writes as the server's user, with the server's role, offline too.
    Object.assign(this.store.identity, {
      userId: login.user.id,
      userName: login.user.display_name,
      role,
    });
    this.state = 'syncing'; // never shown idle with the whole project still to push
    this.error = null;
    this.changed();
    // A published project's earlier writes carry this laptop's local user id: name it too.
    const users = [...new Set([...(input.publish ? [localUserId] : []), login.user.id])];
    if (input.publish) await this.announce(projectId, users, login.user.display_name);
    await this.syncNow();
    // A follower names itself once it has the project, so an existing row is not written again.
    if (!input.publish && (await this.announce(projectId, users, login.user.display_name)))
      await this.syncNow();
    return this.status();
  }

  /**
   * Writes the `people` rows that give every laptop this user's name for the user ids its
   * changes carry. Returns whether anything was written (a viewer writes nothing).
   */
  private async announce(projectId: string, userIds: string[], name: string): Promise<boolean> {
    if (this.store.identity.role === 'viewer') return false;
    const known = await usersNamed(this.db, projectId, userIds, name);
    const missing = userIds.filter((id) => !known.has(id));
    if (!missing.length) return false;
    await this.store.write(async (w) => {
      for (const userId of missing)
        await w.upsert('people', { project_id: projectId, user_id: userId }, { name });
    });
    return true;
  }

  async disconnect(): Promise<void> {
    await this.stop();
    // The server ends the token too, when it can be reached (then the laptop may pass to another
    // user); offline, an administrator revokes the device (`haitai user revoke`).
    if (await this.vault.has(this.db))
      await (
        await this.http()
      )
        .signOut()
        .catch((error: unknown) => this.log('sign-out not reached the server', error));
    await this.vault.write(this.db, null);
    this.state = 'not_configured';
    this.changed();
  }

  /** Runs one full sync; a call while one runs makes it run once more afterwards. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.cycle();
        } while (this.again);
        this.failures = 0;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async cycle(): Promise<void> {
    const projectId = await getSetting(this.db, KEYS.project);
    if (!projectId || !(await this.vault.has(this.db)))
      throw new AppError('sync.not_connected', {});
    this.state = 'syncing';
    this.changed();
    try {
      await rotateTokenIfOld({ store: this.store, vault: this.vault, http: () => this.http() });
      const ctx = await this.stepContext(projectId);
      await refreshRole(ctx);
      if ((await getSetting(this.db, KEYS.cursor)) === null) await fetchSnapshot(ctx);
      await checkServerMemory(ctx);
      await pushOutbox(ctx);
      await pullLog(ctx);
      await setSettings(this.db, { [KEYS.lastSync]: this.store.now().toISOString() });
      this.state = 'idle';
      this.error = null;
      // Files follow in their own lane: the next data cycle never waits for them.
      this.files?.kick(() => this.http(), projectId);
    } catch (error) {
      const appError =
        error instanceof AppError
          ? error
          : new AppError('internal', {
              reason: error instanceof Error ? error.message : String(error),
            });
      this.state = appError.code === 'sync.unreachable' ? 'offline' : 'error';
      this.error = appError.toJSON();
      throw appError;
    } finally {
      this.progress = null;
      this.changed();
    }
  }

  /** After a merge: the clock moves past its stamps, and what it queued is pushed next. */
  private merged(result: MergeResult): void {
    if (!result.newestStamp) return;
    this.receiveStamps([result.newestStamp]);
    this.again = true;
    this.log(`merged ${result.groups} duplicated row(s), ${result.losses} value(s) to the ledger`);
  }

  private async stepContext(projectId: string): Promise<StepContext> {
    return {
      store: this.store,
      http: await this.http(),
      projectId,
      info: await this.tableInfo(),
      log: this.log,
      report: (progress) => {
        this.progress = progress;
        this.changed();
      },
      receiveStamps: (stamps) => this.receiveStamps(stamps),
      merged: (result) => this.merged(result),
      afterApply: this.afterApply,
    };
  }

  private receiveStamps(stamps: string[]): void {
    let newest = '';
    for (const s of stamps) if (s > newest) newest = s;
    if (!newest) return;
    try {
      this.store.clock.receive(newest);
    } catch (error) {
      this.log('ignored a remote stamp too far ahead', error);
    }
  }

  /** Keeps syncing: now, after local writes, on the server's notification, and after failures. */
  start(): void {
    this.unsubscribe ??= this.store.onWrite(() => this.schedule(this.debounceMs));
    this.schedule(0);
    this.listen().catch((error: unknown) => this.log('event stream stopped', error));
  }

  /** Stops background syncing and waits for a sync under way to finish (the database may close). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listening?.abort();
    this.listening = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.again = false;
    await this.running?.catch(() => {});
    // A folder of photos on its way up does not hold the app open: it resumes at the next start.
    this.files?.halt();
    await this.files?.idle();
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.unsubscribe) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.syncNow().then(
        () => undefined,
        (error: unknown) => {
          if (
            error instanceof AppError &&
            (error.code === 'sync.not_connected' || error.code === 'auth.invalid')
          )
            return;
          const delay = this.backoff[Math.min(this.failures, this.backoff.length - 1)]!;
          this.failures += 1;
          this.schedule(delay);
        },
      );
    }, delayMs);
  }

  private async listen(): Promise<void> {
    if (this.listening) return;
    const controller = new AbortController();
    this.listening = controller;
    let attempt = 0;
    while (!controller.signal.aborted) {
      const projectId = await getSetting(this.db, KEYS.project).catch(() => null);
      const token = await this.vault.has(this.db).catch(() => false);
      if (projectId && token) {
        const http = await this.http();
        const started = this.store.now().getTime();
        await http.listen(projectId, () => this.schedule(50), controller.signal);
        if (this.store.now().getTime() - started > 10_000) attempt = 0;
      }
      if (controller.signal.aborted) return;
      const delay = this.backoff[Math.min(attempt, this.backoff.length - 1)]!;
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
