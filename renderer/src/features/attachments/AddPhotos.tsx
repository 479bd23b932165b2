// Photos and files dropped or picked, added one at a time with the count shown, so a camera
// folder of a hundred photos shows its progress and a bad file is named with its reason while the
// others still go in. Each photo lands on the day its EXIF says it was taken.
import { useState, type ChangeEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, AttachmentOwnerRef } from '../../../../main/domain/attachments';
import { call } from '../../api';
import { readBase64 } from '../../shared/read-file';
import { ErrorPanel } from '../../shared/ErrorPanel';

const ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,.xlsx';
const EXTENSIONS = new Set(ACCEPT.split(','));
const extensionOf = (name: string) => name.slice(name.lastIndexOf('.')).toLowerCase();

/** Choose files, or (for a camera folder or phone dump) a whole folder. */
function Pickers(props: {
  testId: string;
  /** What the drop zone says instead of "drop photos or files here, or". */
  label?: string | undefined;
  folder: boolean;
  onFiles: (files: File[], fromFolder: boolean) => void;
}) {
  const { t } = useTranslation();
  const picked = (e: ChangeEvent<HTMLInputElement>, fromFolder: boolean) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    props.onFiles(files, fromFolder);
  };
  return (
    <p>
      <label>
        {props.label ?? t('photos.drop')} <span className="link">{t('photos.pick')}</span>
        <input
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid={`${props.testId}-input`}
          onChange={(e) => picked(e, false)}
        />
      </label>
      {props.folder && (
        <label>
          {' '}
          <span className="link">{t('photos.pickFolder')}</span>
          <input
            type="file"
            hidden
            {...{ webkitdirectory: '' }}
            data-testid={`${props.testId}-folder`}
            onChange={(e) => picked(e, true)}
          />
        </label>
      )}
    </p>
  );
}

interface Refusal {
  fileName: string;
  error: unknown;
}

interface AddTarget {
  projectId: string;
  owner?: AttachmentOwnerRef | undefined;
  panelId?: string | undefined;
  siteDay?: string | undefined;
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
  label?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { progress, added, refused, addAll } = useAddFiles(props);
  const [over, setOver] = useState(false);
  const [skipped, setSkipped] = useState(0);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    setSkipped(0);
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
      <Pickers
        testId={props.testId}
        label={props.label}
        folder={!props.compact}
        onFiles={(files, fromFolder) => {
          // A folder holds videos and sidecar files too: those are skipped, not refused.
          const ours = fromFolder
            ? files.filter((f) => EXTENSIONS.has(extensionOf(f.name)))
            : files;
          setSkipped(files.length - ours.length);
          void addAll(ours);
        }}
      />
      {skipped > 0 && <p className="muted">{t('photos.skipped', { count: skipped })}</p>}
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
