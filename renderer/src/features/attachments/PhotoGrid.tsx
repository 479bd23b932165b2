// A gallery of photos and files, virtualised by rows (a day of a hundred photos scrolls without
// building a hundred cards), each card with its thumbnail, time and caption; with `places`, the
// quick grid: what each photo hangs on, its caption, and whether the sheet shows it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isImage,
  type Attachment,
  type AttachmentOwnerRef,
} from '../../../../main/domain/attachments';
import { call } from '../../api';
import { useConfirm } from '../../shared/Confirm';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { PhotoViewer } from './PhotoViewer';
import { usePhoto } from './use-photo';
import { useTask } from '../../shared/use-task';

const COLUMNS = 4;
const ROW_HEIGHT = 300;

/** A place a photo can hang on, as the quick grid offers it. */
export interface PhotoPlace {
  key: string;
  label: string;
  owner: AttachmentOwnerRef;
  panelId: string | null;
}

export const DAY_PLACE: Omit<PhotoPlace, 'label'> = {
  key: 'day',
  owner: { type: 'site_day', id: null },
  panelId: null,
};

const placeKey = (a: Attachment) =>
  a.ownerType === 'site_day'
    ? a.panelId
      ? `panel:${a.panelId}`
      : 'day'
    : `${a.ownerType}:${a.ownerId}`;

export function PhotoGrid(props: { photos: Attachment[]; places?: PhotoPlace[]; testId: string }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<Attachment | null>(null);
  const rows = Math.ceil(props.photos.length / COLUMNS);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (props.places ? ROW_HEIGHT : ROW_HEIGHT - 90),
    overscan: 2,
  });
  if (!props.photos.length) return <p className="muted">{t('photos.none')}</p>;
  return (
    <>
      <div className="photo-grid" ref={scrollRef} data-testid={props.testId}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.index}
              className="photo-row"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {props.photos.slice(row.index * COLUMNS, row.index * COLUMNS + COLUMNS).map((a) => (
                <PhotoCard key={a.id} photo={a} places={props.places} onOpen={() => setOpen(a)} />
              ))}
            </div>
          ))}
        </div>
      </div>
      {open && <PhotoViewer photo={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function Thumb({ photo, onOpen }: { photo: Attachment; onOpen: () => void }) {
  const { t } = useTranslation();
  const thumb = usePhoto(photo.id, 'thumb');
  if (!isImage(photo.mediaType))
    return (
      <button type="button" className="thumb file" onClick={onOpen}>
        {photo.fileName.split('.').pop()?.toUpperCase()}
      </button>
    );
  return (
    <button type="button" className="thumb" onClick={onOpen} aria-label={t('photos.open')}>
      {thumb && 'url' in thumb && (
        <img src={thumb.url} alt={photo.caption || photo.fileName} data-testid="photo-thumb" />
      )}
      {thumb && 'error' in thumb && <span className="muted">{t('photos.notHere')}</span>}
    </button>
  );
}

function PhotoCard(props: {
  photo: Attachment;
  places: PhotoPlace[] | undefined;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const { photo, places } = props;
  const { error, run } = useTask();
  const [confirm, ask] = useConfirm();
  /** Saves a change; false (with the error shown) when it was refused. */
  const update = async (change: Change): Promise<boolean> =>
    (await run(() => call('attachments:update', { attachmentId: photo.id, ...change }))) !== null;
  return (
    <figure className="photo-card" data-testid="photo-card" data-file={photo.fileName}>
      {confirm}
      <Thumb photo={photo} onOpen={props.onOpen} />
      <figcaption>
        <span>{photo.takenAt.slice(11, 16)}</span>
        {photo.takenFrom === 'file' && (
          <span className="badge" title={t('photos.fromFile')}>
            {t('photos.fromFile')}
          </span>
        )}
        {photo.takenFrom === 'given' && <span className="badge">{t('photos.given')}</span>}
        {!places && photo.caption && <span className="caption"> {photo.caption}</span>}
      </figcaption>
      {places && (
        <PhotoControls
          photo={photo}
          places={places}
          update={update}
          remove={async () => {
            const question = t('confirm.removePhoto', { file: photo.fileName });
            if (await ask(question, t('confirm.remove')))
              await run(() => call('attachments:remove', { attachmentId: photo.id }));
          }}
        />
      )}
      {error !== null && <ErrorPanel error={error} />}
    </figure>
  );
}

type Change = Omit<Parameters<typeof call<'attachments:update'>>[1], 'attachmentId'>;

/** The quick grid's controls: what the photo hangs on, its caption, the sheet, remove. */
function PhotoControls(props: {
  photo: Attachment;
  places: PhotoPlace[];
  update: (change: Change) => Promise<boolean>;
  remove: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const { photo, places, update } = props;
  // Shown at once; the saved value comes back with the reload (or the error, and the old value).
  const [inSheet, setInSheet] = useState(photo.inSheet);
  return (
    <div className="photo-controls">
      <select
        aria-label={t('photos.event')}
        value={placeKey(photo)}
        onChange={(e) => {
          const place = places.find((p) => p.key === e.target.value);
          if (place) void update({ owner: place.owner, panelId: place.panelId });
        }}
        data-testid="photo-place"
      >
        {places.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
      </select>
      <input
        aria-label={t('photos.caption')}
        placeholder={t('photos.caption')}
        defaultValue={photo.caption}
        maxLength={500}
        onBlur={(e) => {
          if (e.target.value.trim() !== photo.caption) void update({ caption: e.target.value });
        }}
        data-testid="photo-caption"
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={inSheet}
          onChange={(e) => {
            const next = e.target.checked;
            setInSheet(next);
            void update({ inSheet: next }).then((saved) => saved || setInSheet(!next));
          }}
          data-testid="photo-in-sheet"
        />{' '}
        {t('photos.inSheet')}
      </label>
      <button
        type="button"
        className="link"
        onClick={() => void props.remove()}
        data-testid="photo-remove"
      >
        {t('photos.remove')}
      </button>
    </div>
  );
}

/** A row of small thumbnails (a stage's photos on a panel's timeline); one opens the viewer. */
export function PhotoStrip({ photos, testId }: { photos: Attachment[]; testId: string }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (!photos.length) return null;
  return (
    <div className="photo-strip" data-testid={testId}>
      {photos.map((a) => (
        <Thumb key={a.id} photo={a} onOpen={() => setOpen(a)} />
      ))}
      {open && <PhotoViewer photo={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
