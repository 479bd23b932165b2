// Settings → Photo and attachment files: how many this laptop keeps, how long a removed photo's
// files stay before the daily clean-up, and a clean-up now. The number typed stays as typed until
// it is saved (then the field shows what was saved) or refused (with the reason beside it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { Action } from '../../shared/Action';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { num } from '../../shared/typed-number';
import { useTask } from '../../shared/use-task';
import { when } from '../../shared/when';

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

export function FileSettings() {
  const { t } = useTranslation();
  const [storage, retry] = useRead('attachments:storage', {});
  const [typed, setTyped] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);

  const save = async () => {
    setMessage(null);
    const saved = await run(() =>
      call('attachments:set-retention', {
        retentionDays: num(
          typed ?? (storage.status === 'ok' ? String(storage.value.retentionDays) : ''),
        ),
      }),
    );
    if (saved === null) return;
    // What was saved, at once: the read below keeps its older answer until it returns.
    setTyped(String(saved.retentionDays));
    setMessage(t('fileStorage.saved', { days: saved.retentionDays }));
    retry();
  };
  const collect = async () => {
    setMessage(null);
    const done = await run(() => call('attachments:collect', {}));
    if (done === null) return;
    setMessage(
      done.collectFiles
        ? t('fileStorage.collected', { files: done.collectFiles, mb: mb(done.collectBytes) })
        : t('fileStorage.nothingToCollect'),
    );
    retry();
  };

  return (
    <section data-testid="file-settings">
      <h2>{t('fileStorage.title')}</h2>
      <p className="muted">{t('fileStorage.intro')}</p>
      {storage.status === 'error' && <ErrorPanel error={storage.error} onRetry={retry} />}
      {storage.status === 'ok' && (
        <>
          <p data-testid="file-storage-held">
            {t('fileStorage.held', { files: storage.value.files, mb: mb(storage.value.bytes) })}{' '}
            {storage.value.collectedAt
              ? t('fileStorage.lastCollected', { at: when(storage.value.collectedAt) })
              : t('fileStorage.neverCollected')}
          </p>
          <div className="form-row">
            <Field label={t('fileStorage.retention')} error={invalid.retentionDays}>
              <input
                inputMode="numeric"
                value={typed ?? String(storage.value.retentionDays)}
                onChange={(e) => setTyped(e.target.value)}
                data-testid="file-retention"
              />
            </Field>
          </div>
        </>
      )}
      <div className="form-actions">
        <Action busy={busy} primary onClick={save} testId="file-retention-save">
          {t('fileStorage.save')}
        </Action>
        <Action busy={busy} onClick={collect} testId="files-collect">
          {t('fileStorage.collectNow')}
        </Action>
        {message && (
          <span className="saved" data-testid="file-settings-message">
            {message}
          </span>
        )}
      </div>
      {error !== null && !invalid.retentionDays && <ErrorPanel error={error} />}
    </section>
  );
}
