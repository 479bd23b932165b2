import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../../main/domain/conflicts';
import type { SyncStatus } from '../../../../main/domain/sync-status';
import { call } from '../../api';
import type { ScreenProps } from '../../app/screen-props';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { textFields } from '../../shared/Field';
import { useRead } from '../../data/use-read';
import { useSyncStatus } from './use-sync-status';
import { when } from '../../shared/when';
import { useTask } from '../../shared/use-task';
import { ReadList } from '../../shared/ReadList';
import { Action } from '../../shared/Action';

export function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    url: 'http://127.0.0.1:8787',
    username: '',
    password: '',
    deviceName: 'site laptop',
    publish: false,
  });
  const { busy, error, run } = useTask();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => call('sync:connect', form))) !== null) onConnected();
  };
  const text = textFields(form, setForm, { testPrefix: 'sync' });
  const field = (key: 'url' | 'username' | 'password' | 'deviceName', type = 'text') =>
    text(key, t(`sync.${key}`), type);
  return (
    <form className="card" onSubmit={submit} data-testid="sync-connect">
      <h2>{t('sync.connect')}</h2>
      <div className="form-row">
        {field('url')}
        {field('username')}
        {field('password', 'password')}
        {field('deviceName')}
      </div>
      <label>
        <input
          type="checkbox"
          checked={form.publish}
          onChange={(e) => setForm({ ...form, publish: e.target.checked })}
          data-testid="sync-publish"
        />{' '}
        {t('sync.publish')}
      </label>
      {error !== null && <ErrorPanel error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="sync-connect-submit">
          {t('sync.connect')}
        </button>
        {busy && <progress />}
      </div>
    </form>
  );
}

function ConflictCard({
  conflict,
  canResolve,
  onResolve,
}: {
  conflict: Conflict;
  canResolve: boolean;
  onResolve: (keep: 'kept' | 'lost') => void;
}) {
  const { t } = useTranslation();
  const side = (which: 'kept' | 'lost') => {
    const v = conflict[which];
    return (
      <div className={`conflict-side ${which}`}>
        <div className="muted">{t(`sync.${which}`)}</div>
        <div className="conflict-value" data-testid={`conflict-${which}`}>
          {v.value === null ? '—' : String(v.value)}
        </div>
        <div className="muted">{t('sync.by', { who: v.by, at: when(v.at) })}</div>
        {conflict.resolution === null && (
          <button
            type="button"
            disabled={!canResolve}
            title={canResolve ? '' : t('sync.managerOnly')}
            onClick={() => onResolve(which)}
            data-testid={`resolve-${which}`}
          >
            {t('sync.keepThis')}
          </button>
        )}
      </div>
    );
  };
  return (
    <li className="conflict" data-testid="conflict" data-resolved={conflict.resolution ?? ''}>
      <div>
        <strong>{conflict.table}</strong> · {conflict.rowLabel ?? conflict.rowId} ·{' '}
        <code>{conflict.column}</code>
      </div>
      <div className="conflict-sides">
        {side('kept')}
        {side('lost')}
      </div>
      {conflict.resolution && (
        <p className="saved">
          {t('sync.resolved', {
            who: conflict.resolvedBy ?? '',
            choice: t(`sync.${conflict.resolution}`),
          })}
        </p>
      )}
    </li>
  );
}

/** What the server refused, each with its reason, so no refusal passes unseen. */
function RejectedList() {
  const { t, i18n } = useTranslation();
  // Why, in the user's language by the refusal's code; the server's own words only in English.
  const why = (r: { code: string; reason: string }) => {
    const said = t(`sync.rejectedCodes.${r.code}`, { defaultValue: t('sync.rejectedCodes.other') });
    return i18n.language === 'en' ? `${said} (${r.reason})` : said;
  };
  return (
    <ReadList
      read={useRead('sync:rejected', {}, { freshOnMount: true })}
      title={t('sync.rejectedList')}
      testId="rejected"
      item={(r) => (
        <li key={r.opId} data-code={r.code}>
          {t('sync.rejectedItem', {
            table: r.table,
            column: r.column,
            value: r.value === null ? '—' : String(r.value),
            reason: why(r),
          })}
        </li>
      )}
    />
  );
}

/** What this laptop pulled and keeps aside, each with why and who wrote it (issue 26). */
function KeptAsideList() {
  const { t, i18n } = useTranslation();
  return (
    <ReadList
      read={useRead('sync:kept-aside', {}, { freshOnMount: true })}
      title={t('sync.keptAsideList')}
      testId="kept-aside"
      item={(k) => (
        <li key={`${k.table}|${k.rowId}|${k.column}`} data-reason={k.reason}>
          <code>
            {t('sync.keptAsideItem', {
              table: k.table,
              column: k.column,
              value: k.value === null ? '—' : String(k.value).slice(0, 200),
            })}
          </code>
          <br />
          {t(`sync.keptAsideReason.${k.reason}`)}
          {k.detail && i18n.language === 'en' ? ` (${k.detail})` : ''} ·{' '}
          {t('sync.keptAsideBy', {
            who: k.author ?? t('sync.unknownAuthor'),
            at: when(k.writtenAt),
          })}
        </li>
      )}
    />
  );
}

export function SyncScreen({ project }: ScreenProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useSyncStatus(2000);
  const task = useTask();
  // Read again after every change (a pull that brings a conflict announces its table).
  const [conflicts, retry] = useRead(
    'sync:conflicts',
    { projectId: status?.projectId ?? project.id },
    { keepWhileReloading: true },
  );
  if (!status) return <p>{t('app.loading')}</p>;
  const run = async (fn: () => Promise<unknown>) => {
    await task.run(fn);
    setStatus(await call('sync:status', {}));
  };
  const canResolve = status.role === 'manager' || status.role === 'admin';
  const showRejected = status.rejected > 0;
  return (
    <section data-testid="sync-screen">
      <h1>{t('sync.title')}</h1>
      {status.state === 'not_configured' ? (
        <ConnectForm onConnected={() => void run(async () => {})} />
      ) : (
        <div className="card">
          <StatusFacts status={status} />
          {status.error && <ErrorPanel error={status.error} />}
          {task.error !== null && <ErrorPanel error={task.error} />}
          <div className="form-actions">
            <Action primary onClick={() => run(() => call('sync:now', {}))} testId="sync-now">
              {t('sync.now')}
            </Action>
            <button type="button" onClick={() => void run(() => call('sync:disconnect', {}))}>
              {t('sync.disconnect')}
            </button>
          </div>
        </div>
      )}
      {showRejected && <RejectedList key={status.rejected} />}
      {status.keptAside > 0 && <KeptAsideList key={status.keptAside} />}
      <h2>{t('sync.conflicts')}</h2>
      {conflicts.status === 'error' && <ErrorPanel error={conflicts.error} onRetry={retry} />}
      {conflicts.status === 'ok' &&
        (conflicts.value.length === 0 ? (
          <p className="muted">{t('sync.noConflicts')}</p>
        ) : (
          <ul className="conflicts" data-testid="conflicts">
            {conflicts.value.map((c) => (
              <ConflictCard
                key={c.id}
                conflict={c}
                canResolve={canResolve}
                onResolve={(keep) =>
                  void run(() => call('sync:resolve', { conflictId: c.id, keep }))
                }
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

/** Where this laptop syncs, as whom, when it last did, what waits, and the progress of a sync. */
function StatusFacts({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts" data-testid="sync-status" data-state={status.state}>
        <dt>{t('sync.title')}</dt>
        <dd>
          <span className={`dot ${status.state}`} /> {t(`sync.state.${status.state}`)}
        </dd>
        <dt>{t('sync.server')}</dt>
        <dd className="path">{status.serverUrl}</dd>
        <dt>{t('sync.user')}</dt>
        <dd>
          {status.username} · {status.role ? t(`sync.roles.${status.role}`) : ''}
        </dd>
        <dt>{t('sync.lastSync')}</dt>
        <dd>{status.lastSyncAt ? when(status.lastSyncAt) : t('sync.never')}</dd>
        <dt>{t('sync.pendingChanges')}</dt>
        <dd data-testid="sync-pending">{status.pendingChanges}</dd>
        <dt>{t('sync.keptAside')}</dt>
        <dd>{status.keptAside}</dd>
        <dt>{t('sync.rejected')}</dt>
        <dd>{status.rejected}</dd>
      </dl>
      <FilesFacts files={status.files} />
      {status.progress && (
        <p data-testid="sync-progress">
          <progress value={status.progress.done} max={status.progress.total ?? undefined} />{' '}
          {t(`sync.progress.${status.progress.phase}`, {
            done: status.progress.done,
            total: status.progress.total ?? '?',
          })}
        </p>
      )}
    </>
  );
}

/** Attachments' files: what waits to go up, the transfer under way, and what this laptop keeps. */
function FilesFacts({ files }: { files: SyncStatus['files'] }) {
  const { t } = useTranslation();
  const { error, run } = useTask();
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  return (
    <div data-testid="sync-files">
      <h3>{t('sync.files.title')}</h3>
      <p>
        {t('sync.files.pending')}:{' '}
        <span data-testid="sync-files-pending">{files.pendingUploads}</span>
      </p>
      {files.transfer && (
        <p data-testid="sync-files-progress">
          <progress value={files.transfer.done} max={files.transfer.total} />{' '}
          {t(`sync.files.${files.transfer.direction}`, {
            done: files.transfer.done,
            total: files.transfer.total,
            mb: mb(files.transfer.bytes),
          })}
        </p>
      )}
      {files.error && (
        <>
          <p>{t('sync.files.stopped')}</p>
          <ErrorPanel error={files.error} />
        </>
      )}
      <label className="inline">
        <input
          type="checkbox"
          checked={files.keepAll}
          onChange={(e) => void run(() => call('sync:keep-files', { keepAll: e.target.checked }))}
          data-testid="sync-keep-files"
        />{' '}
        {t('sync.files.keepAll')}
      </label>
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}
