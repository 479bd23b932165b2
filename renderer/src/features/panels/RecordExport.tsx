// The panel's construction record (槽段施工记录) exported from its drawer, in the UI's language:
// what a supervisor or the owner audits the panel by.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_FORMATS, type RecordFormat } from '../../../main/domain/panel-record';
import { call } from '../api';
import { downloadBase64 } from '../download';
import { ErrorPanel } from './ErrorPanel';

export function RecordExport({ panelId }: { panelId: string }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<RecordFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const exportAs = async (format: RecordFormat) => {
    setBusy(format);
    setDone(null);
    setError(null);
    try {
      const file = await call('record:export', { panelId, lang, format });
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
      setDone(file.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="form-actions" data-testid="record-export">
      <span>{t('record.export')}</span>
      {RECORD_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          disabled={busy !== null}
          onClick={() => void exportAs(format)}
          data-testid={`record-${format}`}
        >
          {busy === format ? '…' : format.toUpperCase()}
        </button>
      ))}
      {done && (
        <span className="saved" role="status" data-testid="record-done">
          ✓ {t('record.exported', { file: done })}
        </span>
      )}
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}
