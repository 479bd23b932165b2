import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../main/domain/panel-register';
import { call } from '../api';
import { readBase64 } from '../read-file';
import { Modal } from './Modal';
import { useStep } from '../use-step';
import { StepStatus } from './StepStatus';

interface Props {
  projectId: string;
  structureId: string | null;
  onClose: () => void;
}

/** Choose a file, see every problem and what will change, then import all rows or none. */
export function ImportDialog({ projectId, structureId, onClose }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // One step at a time with its progress shown; an error is shown and changes nothing.
  const { busy, error, run } = useStep();
  const [done, setDone] = useState<ImportPreview | null>(null);
  const scope = structureId ? { structureId } : {};

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setPreview(null);
    setDone(null);
    return run(t('importer.reading', { file: chosen.name }), async () => {
      const data = await readBase64(chosen);
      setFile({ name: chosen.name, data });
      const input = { projectId, ...scope, fileName: chosen.name, dataBase64: data };
      setPreview(await call('import:preview', input));
    });
  };
  const commit = () =>
    file &&
    run(t('importer.commit'), async () => {
      const input = { projectId, ...scope, fileName: file.name, dataBase64: file.data };
      setDone(await call('import:commit', input));
      setPreview(null);
    });

  return (
    <Modal label={t('importer.title')} testId="import-dialog" onClose={onClose}>
      <h2>{t('importer.title')}</h2>
      <input
        type="file"
        accept=".xlsx,.csv"
        onChange={(e) => void choose(e.target.files?.[0])}
        data-testid="import-file"
      />
      <StepStatus busy={busy} error={error} />
      {preview && <PreviewView preview={preview} />}
      {done && (
        <p className="saved" role="status" data-testid="import-done">
          ✓ {t('importer.done', done.counts)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={!preview || preview.issues.length > 0 || busy !== null}
          onClick={() => void commit()}
          data-testid="import-commit"
        >
          {t('importer.commit')}
        </button>
        <button type="button" onClick={onClose} data-testid="import-close">
          {t('importer.cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** What the import will do, and every problem in the file by row and column. */
function PreviewView({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-preview">
      <p>{t('importer.summary', preview.counts)}</p>
      {preview.issues.length > 0 && (
        <>
          <p className="warning">{t('importer.issues', { count: preview.issues.length })}</p>
          <table className="grid" data-testid="import-issues">
            <thead>
              <tr>
                <th>{t('importer.row')}</th>
                <th>{t('importer.column')}</th>
                <th>{t('importer.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.issues.map((issue, i) => (
                <tr key={i}>
                  <td>{issue.row}</td>
                  <td>{issue.column}</td>
                  <td>{issue.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
