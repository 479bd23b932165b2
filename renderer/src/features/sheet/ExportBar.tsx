// The sheet's exports: the day (or the revision shown) in every format, and a range of days.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SHEET_FORMATS,
  type SheetFormat,
  type SheetLanguage,
} from '../../../../main/domain/daily-sheet';
import { nextDay } from '../../../../main/domain/dates';
import { call } from '../../api';
import { downloadBase64 } from '../../download';
import { DateField } from '../../components/DateField';

type SheetFile = { fileName: string; mimeType: string; dataBase64: string };

export function ExportBar({
  projectId,
  siteDay,
  lang,
  shown,
  onError,
}: {
  projectId: string;
  siteDay: string;
  lang: SheetLanguage;
  shown: number | null;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<SheetFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Runs one export with its progress shown, and downloads the file it returns. */
  const runExport = async (format: SheetFormat, fetchFile: () => Promise<SheetFile>) => {
    setBusy(format);
    setDone(null);
    onError(null);
    try {
      const file = await fetchFile();
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
      setDone(file.fileName);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };
  const which = shown ? { revision: shown } : {};
  const exportAs = (format: SheetFormat) =>
    runExport(format, () => call('sheet:export', { projectId, siteDay, lang, format, ...which }));
  return (
    <>
      <div className="form-actions">
        {SHEET_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className={format === 'pdf' ? 'primary' : ''}
            disabled={busy !== null}
            onClick={() => void exportAs(format)}
            data-testid={`export-${format}`}
          >
            {t('reports.export', { format: format.toUpperCase() })}
          </button>
        ))}
        {busy && (
          <span role="status" className="muted">
            <progress /> {t('reports.exporting', { format: busy.toUpperCase() })}
          </span>
        )}
        {done && (
          <span className="saved" role="status" data-testid="export-done">
            ✓ {t('reports.exported', { file: done })}
          </span>
        )}
      </div>
      <RangeExport
        siteDay={siteDay}
        busy={busy !== null}
        onExport={(format, from, to) =>
          runExport(format, () => call('sheet:export-range', { projectId, from, to, lang, format }))
        }
      />
    </>
  );
}

/** A range of days in one PDF or workbook. */
function RangeExport({
  siteDay,
  busy,
  onExport,
}: {
  siteDay: string;
  busy: boolean;
  onExport: (format: SheetFormat, from: string, to: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => nextDay(siteDay, -6));
  const [to, setTo] = useState(siteDay);
  return (
    <div className="form-actions range" data-testid="range">
      <DateField
        value={from}
        onCommit={setFrom}
        testId="range-from"
        ariaLabel={t('reports.from')}
      />
      –
      <DateField value={to} onCommit={setTo} testId="range-to" ariaLabel={t('reports.to')} />
      {(['pdf', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          onClick={() => void onExport(format, from, to)}
          data-testid={`range-${format}`}
        >
          {t('reports.exportRange', { format: format.toUpperCase() })}
        </button>
      ))}
    </div>
  );
}
