// Photos and files dropped or picked, added one at a time with the count shown, so a camera
// folder of a hundred photos shows its progress and a bad file is named with its reason while the
// others still go in. Each photo lands on the day its EXIF says it was taken.
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, AttachmentOwnerRef } from '../../../../main/domain/attachments';
import { call } from '../../api';
import { readBase64 } from '../../read-file';
import { ErrorPanel } from '../ErrorPanel';

const ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,.xlsx';

interface Refusal {
  fileName: string;
  error: unknown;
}

interface AddTarget {
  projectId: string;
  owner?: AttachmentOwnerRef | undefined;
  panelId?: string | undefined;
  siteDay?: string | undefined;
  onAdded: (added: Attachment[]) => void;
}

/** Adds files one by one, with the count so far, what went in and what was refused. */
function useAddFiles(props: AddTarget) {
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(
    null,
  );
  const [added, setAdded] = useState<Attachment[]>([]);
  const [refused, setRefused] = useState<Refusal[]>([]);

  const addAll = async (files: File[]) => {
    if (!files.length || progress) return;
    const done: Attachment[] = [];
    const failed: Refusal[] = [];
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length, file: file.name });
      try {
        done.push(
          await call('attachments:add', {
            projectId: props.projectId,
            fileName: file.name,
            dataBase64: await readBase64(file),
            modifiedAt: new Date(file.lastModified).toISOString(),
            ...(props.owner ? { owner: props.owner } : {}),
            ...(props.panelId ? { panelId: props.panelId } : {}),
            ...(props.siteDay ? { siteDay: props.siteDay } : {}),
          }),
        );
      } catch (error) {
        failed.push({ fileName: file.name, error });
      }
    }
    setProgress(null);
    setAdded(done);
    setRefused(failed);
    if (done.length) props.onAdded(done);
  };
  return { progress, added, refused, addAll };
}

export function AddPhotos(props: {
  projectId: string;
  owner?: AttachmentOwnerRef;
  panelId?: string;
  /** Puts every file on this day instead of its EXIF day. */
  siteDay?: string;
  compact?: boolean;
  testId: string;
  onAdded: (added: Attachment[]) => void;
}) {
  const { t } = useTranslation();
  const { progress, added, refused, addAll } = useAddFiles(props);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void addAll([...e.dataTransfer.files]);
  };
  const days = [...new Set(added.map((a) => a.siteDay))].sort().join(', ');
  return (
    <div
      className={`photo-drop${over ? ' over' : ''}${props.compact ? ' compact' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={props.testId}
    >
      <label>
        {t('photos.drop')} <span className="link">{t('photos.pick')}</span>
        <input
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid={`${props.testId}-input`}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void addAll(files);
          }}
        />
      </label>
      {!props.compact && <p className="muted small">{t('photos.accepted')}</p>}
      {progress && (
        <p role="status">
          <progress value={progress.done} max={progress.total} />{' '}
          {t('photos.adding', {
            done: progress.done + 1,
            total: progress.total,
            file: progress.file,
          })}
        </p>
      )}
      {added.length > 0 && !progress && (
        <p role="status" data-testid={`${props.testId}-added`}>
          {t('photos.added', { count: added.length, days })}
        </p>
      )}
      {refused.length > 0 && (
        <div data-testid={`${props.testId}-refused`}>
          <p>{t('photos.refused', { count: refused.length })}</p>
          {refused.map((r) => (
            <ErrorPanel key={r.fileName} error={r.error} />
          ))}
        </div>
      )}
    </div>
  );
}
