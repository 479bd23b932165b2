// The daily sheet: a live preview (the same HTML the PDF is printed from) and its exports.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetLanguage } from '../../../../main/domain/daily-sheet';
import type { ScreenProps } from '../../app/screen-props';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import { ExportBar } from './ExportBar';
import { SignoffCard } from './SignoffCard';

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

export function ReportsScreen({ project, siteDay }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<SheetLanguage>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [preview, retry] = useRead(
    'sheet:preview',
    { projectId: project.id, siteDay, lang, ...(shown ? { revision: shown } : {}) },
    { keepWhileReloading: true },
  );
  return (
    <section data-testid="reports">
      <div className="screen-header">
        <h1>{t('reports.title')}</h1>
        <label>
          {t('reports.language')}{' '}
          <select
            value={lang}
            onChange={(e) => setLang(e.target.value as SheetLanguage)}
            data-testid="sheet-lang"
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
            <option value="bilingual">{t('reports.bilingual')}</option>
          </select>
        </label>
      </div>
      <SignoffCard
        projectId={project.id}
        siteDay={siteDay}
        shown={shown}
        onShow={setShown}
        onError={setError}
      />
      <ExportBar projectId={project.id} siteDay={siteDay} lang={lang} shown={shown} />
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
