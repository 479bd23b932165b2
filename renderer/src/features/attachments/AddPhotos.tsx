// Photos and files dropped or picked, added a few at a time with the count shown, so a camera
// folder of hundreds of photos shows its progress, can be stopped (what went in stays), and a bad
// file is named with its reason while the others still go in. Each photo lands on the day its
// EXIF says it was taken.
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, AttachmentOwnerRef } from '../../../../main/domain/attachments';
import { call } from '../../api';
import { POOL_SIZE, runPool } from '../../shared/pool';
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

/**
 * Adds files a few at a time (as many as the laptop has cores), with the count so far, what went
 * in, what was refused, and how many a stop left out; what was added before a stop stays.
 */
function useAddFiles(props: AddTarget) {
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(
    null,
  );
  const [added, setAdded] = useState<Attachment[]>([]);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const [notAdded, setNotAdded] = useState(0);
  const stop = useRef(false);
  const [stopping, setStopping] = useState(false);

  const addAll = async (files: File[]) => {
    if (!files.length || progress) return;
    stop.current = false;
    setStopping(false);
    const done: Attachment[] = [];
    const failed: Refusal[] = [];
    let finished = 0;
    const under: string[] = [];
    const show = () =>
      setProgress({ done: finished, total: files.length, file: under[0] ?? files[0]!.name });
    show();
    const left = await runPool(
      files,
      POOL_SIZE,
      async (file) => {
        under.push(file.name);
        show();
        try {
          done.push(
            await call('attachments:add', {
              projectId: props.projectId,
              fileName: file.name,
              bytes: new Uint8Array(await file.arrayBuffer()),
              modifiedAt: new Date(file.lastModified).toISOString(),
              ...(props.owner ? { owner: props.owner } : {}),
              ...(props.panelId ? { panelId: props.panelId } : {}),
              ...(props.siteDay ? { siteDay: props.siteDay } : {}),
            }),
          );
        } catch (error) {
          failed.push({ fileName: file.name, error });
        } finally {
          under.splice(under.indexOf(file.name), 1);
          finished++;
          show();
        }
      },
      () => stop.current,
    );
    setProgress(null);
    setStopping(false);
    // In the order they were chosen, whichever finished first.
    const order = new Map(files.map((f, i) => [f.name, i]));
    setAdded(done.sort((a, b) => (order.get(a.fileName) ?? 0) - (order.get(b.fileName) ?? 0)));
    setRefused(failed);
    setNotAdded(left);
  };
  const cancel = () => {
    stop.current = true;
    setStopping(true);
  };
  return { progress, added, refused, notAdded, stopping, addAll, cancel };
}

/** The count so far, the file under way, and the button that stops taking new ones. */
function Adding(props: {
  progress: { done: number; total: number; file: string };
  stopping: boolean;
  onStop: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { done, total, file } = props.progress;
  return (
    <p role="status">
      <progress value={done} max={total} />{' '}
      {t('photos.adding', { done: Math.min(done + 1, total), total, file })}{' '}
      <button
        type="button"
        onClick={props.onStop}
        disabled={props.stopping}
        data-testid={props.testId}
      >
        {props.stopping ? t('photos.stopping') : t('photos.stop')}
      </button>
    </p>
  );
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
  const { progress, added, refused, notAdded, stopping, addAll, cancel } = useAddFiles(props);
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
        <Adding
          progress={progress}
          stopping={stopping}
          onStop={cancel}
          testId={`${props.testId}-stop`}
        />
      )}
      {added.length > 0 && !progress && (
        <p role="status" data-testid={`${props.testId}-added`}>
          {t('photos.added', { count: added.length, days })}
        </p>
      )}
      {notAdded > 0 && !progress && (
        <p role="status" data-testid={`${props.testId}-stopped`}>
          {t('photos.stopped', { count: notAdded })}
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
