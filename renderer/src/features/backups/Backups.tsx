// Settings → Backups, and the recovery screen shown when the database cannot be opened: the local
// backups, newest first, with "Back up now" and a two-step "Restore".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOVERABLE_DB_ERRORS, type BackupInfo } from '../../../../main/domain/backups';
import { AppError } from '../../../../main/domain/errors';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { when } from '../../shared/when';
import { useTask } from '../../shared/use-task';
import { Grid } from '../../shared/Grid';
import { Action } from '../../shared/Action';

const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function BackupTable({
  backups,
  onRestored,
}: {
  backups: BackupInfo[];
  onRestored: (message: string) => void;
}) {
  const { t } = useTranslation();
  // In the user's language and their computer's time zone.

  const [asking, setAsking] = useState<string | null>(null);
  const { busy: working, error, run } = useTask();
  const restore = async (name: string) => {
    const result = await run(() => call('backups:restore', { name }));
    if (result === null) return;
    setAsking(null);
    onRestored(t('backups.restored', { name: result.restored, aside: result.keptAside }));
  };
  return (
    <>
      <Grid headings={['backups.createdAt', 'backups.reason', 'backups.size', '']} testId="backups">
        {backups.map((b) => (
          <tr key={b.name} data-testid="backup-row" data-name={b.name}>
            <td title={b.file}>{when(b.createdAt)}</td>
            <td>{t(`backups.reasons.${b.reason}`)}</td>
            <td className="num">{size(b.sizeBytes)}</td>
            <td>
              {asking === b.name ? (
                <span className="confirm">
                  {t('backups.confirm', { at: when(b.createdAt) })}{' '}
                  <Action busy={working} onClick={() => restore(b.name)} testId="restore-yes">
                    {t('backups.yes')}
                  </Action>{' '}
                  <button type="button" onClick={() => setAsking(null)}>
                    {t('backups.cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setAsking(b.name)} data-testid="restore">
                  {t('backups.restore')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Grid>
      {error !== null && <ErrorPanel error={error} />}
    </>
  );
}

export function BackupSettings() {
  const { t } = useTranslation();
  // Read again after a backup is made; a restore reads everything again (it names '*').
  const [backups, retry] = useRead('backups:list', {});
  const [message, setMessage] = useState<string | null>(null);
  const { busy: working, error, run } = useTask();
  const backUp = async () => {
    const made = await run(() => call('backups:create', {}));
    if (made === null) return;
    setMessage(t('backups.made', { name: made.name }));
    retry();
  };
  return (
    <section data-testid="backup-settings">
      <h2>{t('backups.title')}</h2>
      <p className="muted">{t('backups.intro', { keep: 10 })}</p>
      <div className="form-actions">
        <Action busy={working} onClick={backUp} testId="back-up-now">
          {t('backups.backUpNow')}
        </Action>
        {message && (
          <span className="saved" data-testid="backup-message">
            {message}
          </span>
        )}
      </div>
      {error !== null && <ErrorPanel error={error} />}
      {backups.status === 'error' && <ErrorPanel error={backups.error} onRetry={retry} />}
      {backups.status === 'ok' &&
        (backups.value.length === 0 ? (
          <p className="muted">{t('backups.none')}</p>
        ) : (
          <BackupTable
            backups={backups.value}
            onRestored={(text) => {
              setMessage(text);
              retry();
            }}
          />
        ))}
    </section>
  );
}

/** Shown instead of the app when its database cannot be opened. */
export function RecoveryScreen({ error, onRestored }: { error: AppError; onRestored: () => void }) {
  const { t } = useTranslation();
  const [backups, retry] = useRead('backups:list', {});
  const file = typeof error.details.file === 'string' ? error.details.file : '';
  return (
    <div className="recovery" data-testid="recovery">
      <h1>{t('backups.recoveryTitle')}</h1>
      <ErrorPanel error={error} />
      {backups.status === 'error' && <ErrorPanel error={backups.error} onRetry={retry} />}
      {backups.status === 'ok' &&
        (backups.value.length === 0 ? (
          <p>{t('backups.recoveryNone', { dir: file })}</p>
        ) : (
          <>
            <p>{t('backups.recoveryIntro')}</p>
            <BackupTable backups={backups.value} onRestored={onRestored} />
          </>
        ))}
    </div>
  );
}

export function isRecoverable(error: unknown): error is AppError {
  return (
    error instanceof AppError && (RECOVERABLE_DB_ERRORS as readonly string[]).includes(error.code)
  );
}
