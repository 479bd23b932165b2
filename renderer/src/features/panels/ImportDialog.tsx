import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../main/domain/panel-register';
import { call } from '../../api';
import { readBase64 } from '../../shared/read-file';
import { ImportFrame } from '../../shared/ImportFrame';
import { useTask } from '../../shared/use-task';
import { Grid } from '../../shared/Grid';

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
  const { busy, label, error, run } = useTask();
  const [done, setDone] = useState<ImportPreview | null>(null);
  const scope = structureId ? { structureId } : {};

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setPreview(null);
    setDone(null);
    return run(
      async () => {
        const data = await readBase64(chosen);
        setFile({ name: chosen.name, data });
        const input = { projectId, ...scope, fileName: chosen.name, dataBase64: data };
        setPreview(await call('import:preview', input));
      },
      t('importer.reading', { file: chosen.name }),
    );
  };
  const commit = () =>
    file &&
    run(async () => {
      const input = { projectId, ...scope, fileName: file.name, dataBase64: file.data };
      setDone(await call('import:commit', input));
      setPreview(null);
    }, t('importer.commit'));

  return (
    <ImportFrame
      title={t('importer.title')}
      testId="import-dialog"
      parts="import"
      accept=".xlsx,.csv"
      onFile={(f) => void choose(f)}
      step={label}
      error={error}
      commitLabel={t('importer.commit')}
      canCommit={!!preview && preview.issues.length === 0 && !busy}
      onCommit={() => void commit()}
      closeLabel={t('importer.cancel')}
      onClose={onClose}
    >
      {preview && <PreviewView preview={preview} />}
      {done && (
        <p className="saved" role="status" data-testid="import-done">
          ✓ {t('importer.done', done.counts)}
        </p>
      )}
    </ImportFrame>
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
          <Grid
            headings={['importer.row', 'importer.column', 'importer.reason']}
            testId="import-issues"
          >
            {preview.issues.map((issue, i) => (
              <tr key={i}>
                <td>{issue.row}</td>
                <td>{issue.column}</td>
                <td>{issue.reason}</td>
              </tr>
            ))}
          </Grid>
        </>
      )}
    </div>
  );
}
