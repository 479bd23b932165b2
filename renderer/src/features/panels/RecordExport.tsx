// The panel's construction record (槽段施工记录) exported from its drawer, in the UI's language:
// what a supervisor or the owner audits the panel by.
import { useTranslation } from 'react-i18next';
import { RECORD_FORMATS, type RecordFormat } from '../../../../main/domain/panel-record';
import { call } from '../../api';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useFileExport } from '../../shared/use-file-export';

export function RecordExport({ panelId }: { panelId: string }) {
  const { t, i18n } = useTranslation();
  const { exporting, done, error, exportFile } = useFileExport<RecordFormat>();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const exportAs = (format: RecordFormat) =>
    exportFile(format, () => call('record:export', { panelId, lang, format }));
  return (
    <div className="form-actions" data-testid="record-export">
      <span>{t('record.export')}</span>
      {RECORD_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          disabled={exporting !== null}
          onClick={() => void exportAs(format)}
          data-testid={`record-${format}`}
        >
          {exporting === format ? '…' : format.toUpperCase()}
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
