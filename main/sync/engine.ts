// The laptop's sync loop: push the outbox, pull the project's log (or a snapshot first), apply by
// last-writer-wins, and keep going on start, after local writes, on the server's notification,
// on reconnect with backoff, and on "Sync now". Nothing is dropped on any failure: the outbox
// keeps every unacknowledged change and the cursor moves only with the data it covers.
import { SCHEMA_VERSION } from '../../db/migrations';
import {
  countKeptAside,
  countOutbox,
  dropLocalOnlyOutbox,
  enqueueReplay,
  ownCells,
  projectCellsWithVersions,
  countRejected,
  newestVersionBefore,
  readCellValue,
  readOutbox,
  readTableInfo,
  restampOutbox,
  settlePush,
  toChange,
  type TableInfo,
} from '../../db/repositories/sync-repository';
import { applyRemoteCells, retryKeptAside } from '../../db/repositories/remote-apply';
import { applySnapshotRows } from '../../db/repositories/snapshot-apply';
import { usersNamed } from '../../db/repositories/people-repository';
import { firstProjectId } from '../../db/repositories/project-repository';
import {
  getSetting,
  getSettingsWithPrefix,
  setSettings,
} from '../../db/repositories/settings-repository';
import {
  mergeAllDuplicates,
  mergeTouched,
  syncingProjects,
  type MergeResult,
} from '../../db/repositories/natural-key-merge';
import { AppError, type SerializedAppError } from '../domain/errors';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '../domain/hlc';
import type { Role } from '../domain/sync-protocol';
import type { SyncState, SyncStatus, TokenProtection } from '../domain/sync-status';
import path from 'node:path';
import type { Store } from './store';
import { SyncHttp, type Fetch } from './http-client';
import { TokenVault, type SecretCipher } from './token-vault';

const PUSH_BATCH = 500;
const PULL_LIMIT = 1000;
const SNAPSHOT_LIMIT = 5000;

export type { SyncState, SyncStatus } from '../domain/sync-status';

export interface SyncEngineOptions {
  store: Store;
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

const KEYS = {
  url: 'sync.server_url',
  token: 'sync.token',
  username: 'sync.username',
  userId: 'sync.user_id',
  displayName: 'sync.display_name',
  role: 'sync.role',
  project: 'sync.project_id',
  cursor: 'sync.cursor',
  epoch: 'sync.epoch',
  lastAcked: 'sync.last_acked_op',
  lastSync: 'sync.last_sync_at',
  snapshotAsOf: 'sync.snapshot_as_of',
  snapshotCursor: 'sync.snapshot_cursor',
  active: 'active_project_id',
} as const;

export class SyncEngine {
  private readonly store: Store;
  private readonly fetchFn: Fetch | undefined;
  private readonly backoff: number[];
  private readonly debounceMs: number;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly afterApply: () => void;
  private readonly vault: TokenVault;
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
      pendingChanges: await countOutbox(this.db),
      keptAside: await countKeptAside(this.db),
      rejected: await countRejected(this.db),
      error: this.error,
      progress: this.progress,
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
  async connect(input: {
    url: string;
    username: string;
    password: string;
    deviceName: string;
    projectId?: string;
    publish?: boolean;
  }): Promise<SyncStatus> {
    const url = new URL(input.url).toString();
    const http = new SyncHttp({
      baseUrl: url,
      token: null,
      schemaVersion: SCHEMA_VERSION,
      ...(this.fetchFn ? { fetch: this.fetchFn } : {}),
    });
    const login = await http.login(input.username, input.password, input.deviceName);
    const authed = new SyncHttp({
      baseUrl: url,
      token: login.token,
      schemaVersion: SCHEMA_VERSION,
      ...(this.fetchFn ? { fetch: this.fetchFn } : {}),
    });
    const me = await authed.me();
    const local =
      (await getSetting(this.db, KEYS.active)) ?? (await firstProjectId(this.db)) ?? null;
    const projectId = input.projectId ?? (input.publish ? local : me.visible[0]) ?? null;
    if (!projectId) throw new AppError('not_found', { entity: 'project', id: '' });
    const role =
      (
        login.projects.find((p) => p.project_id === projectId) ??
        login.projects.find((p) => p.project_id === '*')
      )?.role ?? null;
    if (!role) throw new AppError('auth.forbidden', { role: 'none' });
    if (input.publish && role === 'viewer') throw new AppError('auth.forbidden', { role });
    const localUserId = this.store.identity.userId;
    await this.db.transaction(async (trx) => {
      await this.vault.write(trx, login.token);
      await setSettings(trx, {
        [KEYS.url]: url,
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
          await this.tableInfo(),
          this.store.clock.tick(),
        );
        await enqueueReplay(trx, cells, this.store.now().toISOString());
      }
    });
    // From now on this laptop writes as the server's user, with the server's role, offline too.
    Object.assign(this.store.identity, {
      userId: login.user.id,
      userName: login.user.display_name,
      role,
    });
    this.state = 'idle';
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
      const http = await this.http();
      await this.refreshRole(http, projectId);
      if ((await getSetting(this.db, KEYS.cursor)) === null) await this.snapshot(http, projectId);
      await this.checkServerMemory(http, projectId);
      await this.push(http, projectId);
      await this.pull(http, projectId);
      await setSettings(this.db, { [KEYS.lastSync]: this.store.now().toISOString() });
      this.state = 'idle';
      this.error = null;
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

  /** A fresh laptop starts from the server's current state at sequence N, chunk by resumable chunk. */
  private async snapshot(http: SyncHttp, projectId: string): Promise<void> {
    const info = await this.tableInfo();
    let asOf = Number((await getSetting(this.db, KEYS.snapshotAsOf)) ?? NaN);
    const cursor = await getSetting(this.db, KEYS.snapshotCursor);
    let done = 0;
    let next = http.snapshot(projectId, Number.isNaN(asOf) ? null : asOf, cursor, SNAPSHOT_LIMIT);
    for (;;) {
      const page = await next;
      asOf = page.as_of;
      // Ask for the next chunk while this one is applied: the server and the laptop work at once.
      if (page.cursor) {
        next = http.snapshot(projectId, asOf, page.cursor, SNAPSHOT_LIMIT);
        next.catch(() => {});
      }
      if (page.total >= 0) this.progress = { phase: 'snapshot', done, total: page.total };
      await this.db.transaction(async (trx) => {
        await applySnapshotRows(trx, page.rows, info);
        await setSettings(
          trx,
          page.cursor
            ? { [KEYS.snapshotAsOf]: String(asOf), [KEYS.snapshotCursor]: page.cursor }
            : {
                [KEYS.cursor]: String(asOf),
                [KEYS.epoch]: page.epoch,
                [KEYS.snapshotAsOf]: null,
                [KEYS.snapshotCursor]: null,
              },
        );
      });
      this.receiveStamps(page.rows.flatMap((r) => [r.hlc, ...Object.values(r.hlcs ?? {})]));
      done += page.rows.reduce((n, r) => n + Object.keys(r.values).length, 0);
      this.progress = { phase: 'snapshot', done, total: this.progress?.total ?? null };
      this.changed();
      if (!page.cursor) break;
    }
    // The server may hold duplicates that older laptops made: merge them as every laptop does.
    const enqueue = await syncingProjects(this.db);
    this.merged(await this.db.transaction((trx) => mergeAllDuplicates(trx, { enqueue })));
  }

  /** The server's word on this user's role, kept for offline use; a change applies at once. */
  private async refreshRole(http: SyncHttp, projectId: string): Promise<void> {
    const me = await http.me();
    const role = (
      me.projects.find((p) => p.project_id === projectId) ??
      me.projects.find((p) => p.project_id === '*')
    )?.role as Role | undefined;
    if (!role || role === this.store.identity.role) return;
    await setSettings(this.db, { [KEYS.role]: role });
    this.store.identity.role = role;
  }

  /** After a merge: the clock moves past its stamps, and what it queued is pushed next. */
  private merged(result: MergeResult): void {
    if (!result.newestStamp) return;
    this.receiveStamps([result.newestStamp]);
    this.again = true;
    this.log(`merged ${result.groups} duplicated row(s), ${result.losses} value(s) to the ledger`);
  }

  /**
   * A server restored from an older backup has forgotten changes it once acknowledged. The laptop
   * notices (the server's last op from this laptop is older than the last one it acknowledged),
   * sends again every cell it wrote, and re-reads the log from the start.
   */
  private async checkServerMemory(http: SyncHttp, projectId: string): Promise<void> {
    const state = await http.clientState(projectId, this.store.identity.nodeId);
    const lastAcked = Number((await getSetting(this.db, KEYS.lastAcked)) ?? 0);
    const cursor = Number((await getSetting(this.db, KEYS.cursor)) ?? 0);
    const epoch = await getSetting(this.db, KEYS.epoch);
    const forgot = state.last_op_id < lastAcked;
    const rewound = state.max_seq < cursor || (epoch !== null && epoch !== state.epoch);
    if (!forgot && !rewound) return;
    this.log(
      `server forgot changes (last op ${state.last_op_id} < ${lastAcked}, max seq ${state.max_seq} < ${cursor}): re-sending`,
    );
    await this.db.transaction(async (trx) => {
      const mine = await ownCells(trx, this.store.identity.nodeId);
      const cells: { tbl: string; row_id: string; col: string; value: unknown; hlc: string }[] = [];
      for (const cell of mine) {
        const { found, value } = await readCellValue(trx, cell.tbl, cell.row_id, cell.col);
        if (found) cells.push({ ...cell, value });
      }
      await enqueueReplay(trx, cells, this.store.now().toISOString());
      await setSettings(trx, {
        [KEYS.cursor]: '0',
        [KEYS.lastAcked]: String(state.last_op_id),
        [KEYS.epoch]: state.epoch,
      });
    });
  }

  private async push(http: SyncHttp, projectId: string): Promise<void> {
    const total = await countOutbox(this.db);
    let done = 0;
    let restamped = false;
    for (;;) {
      const rows = await readOutbox(this.db, PUSH_BATCH);
      if (!rows.length) return;
      this.progress = { phase: 'push', done, total };
      this.changed();
      let result;
      try {
        result = await http.push(projectId, {
          client_id: this.store.identity.nodeId,
          schema_version: SCHEMA_VERSION,
          changes: rows.map(toChange),
        });
      } catch (error) {
        if (
          error instanceof AppError &&
          error.code === 'sync.clock_drift' &&
          !restamped &&
          (await this.clockIsRightNow(http))
        ) {
          await this.restamp(http);
          restamped = true;
          continue;
        }
        throw error;
      }
      const at = this.store.now().toISOString();
      await this.db.transaction(async (trx) => {
        await settlePush(trx, result.acked, result.rejected, at);
        const maxAcked = Math.max(0, ...result.acked);
        const lastAcked = Number((await getSetting(trx, KEYS.lastAcked)) ?? 0);
        if (maxAcked > lastAcked) await setSettings(trx, { [KEYS.lastAcked]: String(maxAcked) });
      });
      if (result.rejected.length)
        this.log(`server refused ${result.rejected.length} change(s): ${result.rejected[0]!.code}`);
      done += rows.length;
    }
  }

  /** Whether this laptop's clock agrees with the server's now (someone has put it right). */
  private async clockIsRightNow(http: SyncHttp): Promise<boolean> {
    const health = await http.request<{ server_time: number }>('GET', '/health');
    return Math.abs(this.store.now().getTime() - health.server_time) < MAX_CLOCK_AHEAD_MS;
  }

  /** Changes stamped while the clock was far ahead get new stamps from the corrected clock. */
  private async restamp(http: SyncHttp): Promise<void> {
    const health = await http.request<{ server_time: number }>('GET', '/health');
    const limit = health.server_time + MAX_CLOCK_AHEAD_MS;
    const isFuture = (hlc: string) => (decodeHlc(hlc)?.millis ?? 0) > limit;
    await this.db.transaction(async (trx) => {
      this.store.clock.rewind(await newestVersionBefore(trx, new Date(limit).toISOString()));
      const count = await restampOutbox(trx, isFuture, () => this.store.clock.tick());
      this.log(`re-stamped ${count} change(s) made with a wrong clock`);
    });
  }

  private async pull(http: SyncHttp, projectId: string): Promise<void> {
    const info = await this.tableInfo();
    const enqueue = await syncingProjects(this.db);
    for (;;) {
      const since = Number((await getSetting(this.db, KEYS.cursor)) ?? 0);
      const page = await http.pull(projectId, since, PULL_LIMIT);
      // Apply the batch and move the cursor in one transaction: a crash between them cannot
      // skip changes, and re-applying a batch changes nothing (LWW is idempotent). Rows that an
      // older laptop made twice for one natural key are merged in the same transaction.
      const merged = await this.db.transaction(async (trx) => {
        await applyRemoteCells(trx, page.changes, info);
        const result = await mergeTouched(trx, page.changes, { enqueue });
        this.afterApply();
        await setSettings(trx, { [KEYS.cursor]: String(page.next), [KEYS.epoch]: page.epoch });
        return result;
      });
      this.receiveStamps(page.changes.map((c) => c.hlc));
      this.merged(merged);
      this.progress = { phase: 'pull', done: page.next, total: page.max_seq };
      this.changed();
      if (!page.has_more) return;
    }
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
        const started = Date.now();
        await http.listen(projectId, () => this.schedule(50), controller.signal);
        if (Date.now() - started > 10_000) attempt = 0;
      }
      if (controller.signal.aborted) return;
      const delay = this.backoff[Math.min(attempt, this.backoff.length - 1)]!;
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
