// One photo large: its preview, zoomed with the buttons or the wheel and panned by scrolling, the
// original on request (fetched from the server if another laptop took it), and its facts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isImage, type Attachment } from '../../../../main/domain/attachments';
import { dataUrlToBlob, downloadBlob } from '../../shared/download';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Modal } from '../../shared/Modal';
import { usePhoto } from './use-photo';
import { when } from '../../shared/when';
import { Action } from '../../shared/Action';

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];

export function PhotoViewer({ photo, onClose }: { photo: Attachment; onClose: () => void }) {
  const { t } = useTranslation();
  const [variant, setVariant] = useState<'preview' | 'original'>(
    isImage(photo.mediaType) ? 'preview' : 'original',
  );
  const [zoom, setZoom] = useState(2);
  const image = usePhoto(photo.id, variant);
  const step = (by: number) => setZoom((z) => Math.max(0, Math.min(ZOOMS.length - 1, z + by)));
  return (
    <Modal label={t('photos.viewer')} testId="photo-viewer" wide onClose={onClose}>
      <div className="viewer-bar">
        <strong>{photo.fileName}</strong>
        <span className="muted">
          {' '}
          {photo.takenAt.replace('T', ' ')}
          {photo.gpsLat !== null &&
            ` · ${t('photos.gps', { lat: photo.gpsLat, lon: photo.gpsLon })}`}
          {' · '}
          {t('photos.by', { by: photo.addedBy, at: when(photo.addedAt) })}
        </span>
        {isImage(photo.mediaType) && (
          <>
            <button type="button" onClick={() => step(-1)} aria-label={t('photos.zoomOut')}>
              −
            </button>
            <span data-testid="viewer-zoom">{Math.round(ZOOMS[zoom]! * 100)}%</span>
            <button type="button" onClick={() => step(1)} aria-label={t('photos.zoomIn')}>
              +
            </button>
            {variant === 'preview' && (
              <Action onClick={() => setVariant('original')} testId="viewer-original">
                {t('photos.original')}
              </Action>
            )}
          </>
        )}
        <button type="button" onClick={onClose} data-testid="viewer-close">
          {t('photos.close')}
        </button>
      </div>
      <div
        className="viewer-stage"
        onWheel={(e) => {
          if (e.ctrlKey || e.metaKey) return;
          step(e.deltaY < 0 ? 1 : -1);
        }}
      >
        {image && 'error' in image && <ErrorPanel error={image.error} />}
        {image && 'url' in image && isImage(photo.mediaType) && (
          <img
            src={image.url}
            alt={photo.caption || photo.fileName}
            style={{ width: `${ZOOMS[zoom]! * 50}%` }}
            data-testid="viewer-image"
          />
        )}
        {image && 'url' in image && !isImage(photo.mediaType) && (
          <Action
            onClick={() => downloadBlob(photo.fileName, dataUrlToBlob(image.url))}
            testId="viewer-save"
          >
            {photo.fileName}
          </Action>
        )}
      </div>
      {photo.caption && <p>{photo.caption}</p>}
    </Modal>
  );
}
