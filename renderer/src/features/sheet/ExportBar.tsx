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
import { DateField } from '../../shared/DateField';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useFileExport } from '../../shared/use-file-export';

export function ExportBar({
  projectId,
  siteDay,
  lang,
  shown,
}: {
  projectId: string;
  siteDay: string;
  lang: SheetLanguage;
  shown: number | null;
}) {
  const { t } = useTranslation();
  // One export at a time, its progress shown; the file it returns is downloaded.
  const { exporting: busy, done, error, exportFile } = useFileExport<SheetFormat>();
  const which = shown ? { revision: shown } : {};
  const exportAs = (format: SheetFormat) =>
    exportFile(format, () => call('sheet:export', { projectId, siteDay, lang, format, ...which }));
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
          exportFile(format, () =>
            call('sheet:export-range', { projectId, from, to, lang, format }),
          )
        }
      />
      {error !== null && <ErrorPanel error={error} />}
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
