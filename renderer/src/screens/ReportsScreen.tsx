// The daily sheet: a live preview (the same HTML the PDF is printed from) and its exports.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHEET_FORMATS, type SheetState } from '../../../main/domain/daily-sheet';
import { nextDay } from '../../../main/domain/dates';
import { call } from '../api';
import type { ScreenProps } from '../App';
import { ErrorPanel } from '../components/ErrorPanel';
import { downloadBase64 } from '../download';
import { useAsync } from '../use-async';

type SheetLang = 'zh-CN' | 'en' | 'bilingual';
type Format = 'pdf' | 'xlsx' | 'csv' | 'html';

/** The sheet's HTML in a shadow root, so its print styles do not touch the app's. */
function SheetPreview({ html }: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    root.innerHTML = html;
  }, [html]);
  return <div className="sheet-preview" ref={host} data-testid="sheet-preview" />;
}

export function ReportsScreen({ project, siteDay, revision }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const statusText = (s: SheetState) => {
    const latest = s.revisions[s.revisions.length - 1];
    if (!latest) return t('reports.status.none');
    if (latest.status === 'submitted')
      return t('reports.status.submitted', { revision: latest.revision, by: latest.submittedBy });
    if (s.changed) return t('reports.status.changed', { revision: latest.revision + 1 });
    return t('reports.status.approved', {
      revision: latest.revision,
      by: latest.approvedBy ?? '',
      at: (latest.approvedAt ?? '').slice(0, 16).replace('T', ' '),
    });
  };
  const [lang, setLang] = useState<SheetLang>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [busy, setBusy] = useState<Format | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [signoffRevision, setSignoffRevision] = useState(0);
  const [shown, setShown] = useState<number | null>(null);
  const [state] = useAsync(
    () => call('sheet:state', { projectId: project.id, siteDay }),
    [project.id, siteDay, revision, signoffRevision],
    { keepWhileReloading: true },
  );
  const which = shown ? { revision: shown } : {};
  const [preview, retry] = useAsync(
    () => call('sheet:preview', { projectId: project.id, siteDay, lang, ...which }),
    [project.id, siteDay, lang, revision, shown],
    { keepWhileReloading: true },
  );
  const signoff = async (channel: 'sheet:submit' | 'sheet:approve') => {
    setError(null);
    try {
      await call(channel, { projectId: project.id, siteDay });
      setSignoffRevision((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };

  const [from, setFrom] = useState(() => nextDay(siteDay, -6));
  const [to, setTo] = useState(siteDay);
  /** Runs one export with its progress shown, and downloads the file it returns. */
  const runExport = async (
    format: Format,
    fetchFile: () => Promise<{ fileName: string; mimeType: string; dataBase64: string }>,
  ) => {
    setBusy(format);
    setDone(null);
    setError(null);
    try {
      const file = await fetchFile();
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
      setDone(file.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const exportRange = (format: Format) =>
    runExport(format, () =>
      call('sheet:export-range', { projectId: project.id, from, to, lang, format }),
    );
  const exportAs = (format: Format) =>
    runExport(format, () =>
      call('sheet:export', { projectId: project.id, siteDay, lang, format, ...which }),
    );

  return (
    <section data-testid="reports">
      <div className="screen-header">
        <h1>{t('reports.title')}</h1>
        <label>
          {t('reports.language')}{' '}
          <select
            value={lang}
            onChange={(e) => setLang(e.target.value as SheetLang)}
            data-testid="sheet-lang"
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
            <option value="bilingual">{t('reports.bilingual')}</option>
          </select>
        </label>
      </div>
      {state.status === 'ok' && (
        <div className="card signoff" data-testid="signoff">
          <p data-testid="signoff-status">{statusText(state.value)}</p>
          <div className="form-actions">
            <select
              value={shown ?? ''}
              onChange={(e) => setShown(e.target.value ? Number(e.target.value) : null)}
              data-testid="sheet-revision"
            >
              <option value="">{t('reports.current')}</option>
              {state.value.revisions.map((r) => (
                <option key={r.id} value={r.revision}>
                  {t('reports.revision', { revision: r.revision })} ·{' '}
                  {r.status === 'approved' ? '✓' : '…'}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => void signoff('sheet:submit')}
              data-testid="sheet-submit"
            >
              {t('reports.submit')}
            </button>
            <button
              type="button"
              onClick={() => void signoff('sheet:approve')}
              disabled={!state.value.revisions.some((r) => r.status === 'submitted')}
              data-testid="sheet-approve"
            >
              {t('reports.approve')}
            </button>
          </div>
        </div>
      )}
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
      <div className="form-actions range" data-testid="range">
        <input
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          data-testid="range-from"
          aria-label={t('reports.from')}
        />
        –
        <input
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          data-testid="range-to"
          aria-label={t('reports.to')}
        />
        {(['pdf', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy !== null}
            onClick={() => void exportRange(format)}
            data-testid={`range-${format}`}
          >
            {t('reports.exportRange', { format: format.toUpperCase() })}
          </button>
        ))}
      </div>
      {error !== null && <ErrorPanel error={error} />}
      {preview.status === 'error' && <ErrorPanel error={preview.error} onRetry={retry} />}
      {preview.status === 'ok' && (
        <>
          {preview.value.empty && <p className="muted">{t('reports.empty')}</p>}
          <SheetPreview html={preview.value.html} />
        </>
      )}
    </section>
  );
}
