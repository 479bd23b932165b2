import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelDetail as PanelView } from '../../../../main/domain/panel';
import {
  MEASUREMENT_KEYS,
  REQUIRED_MEASUREMENTS,
  verticalityRatio,
  type MeasurementKey,
  type Measurements,
} from '../../../../main/domain/stages';
import { call } from '../../api';
import { statusKey } from '../../shared/stage-colours';
import { useRead } from '../../data/use-read';
import { useTask } from '../../shared/use-task';
import { useConfirm } from '../../shared/Confirm';
import { Acceptances } from './Acceptances';
import { CorrectionList, Inspections } from './Inspections';
import { CorrectRecord } from './RecordForms';
import { RecordExport } from './RecordExport';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { PanelEditor } from './PanelEditor';
import { AddPhotos } from '../attachments/AddPhotos';
import { PhotoGrid, PhotoStrip } from '../attachments/PhotoGrid';
import { when } from '../../shared/when';

function MeasurementList({ measurements }: { measurements: Measurements }) {
  const { t } = useTranslation();
  const keys = MEASUREMENT_KEYS.filter((k) => measurements[k] !== undefined);
  if (keys.length === 0) return null;
  return (
    <dl className="measurements">
      {keys.map((key) => {
        const value = measurements[key]!;
        const shown =
          key === 'verticalityXPct' || key === 'verticalityYPct'
            ? `${value} (${verticalityRatio(value as number)})`
            : String(value);
        return (
          <div key={key}>
            <dt>{t(`measurements.${key}`)}</dt>
            <dd>{shown}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export function PanelDetail({ panelId, onClose }: { panelId: string; onClose: () => void }) {
  const { t } = useTranslation();
  // Kept on screen while it reloads, so adding photos to a stage does not tear the drawer down.
  const [panel, retry] = useRead('panels:get', { panelId }, { keepWhileReloading: true });
  return (
    <aside className="drawer" aria-label={t('panels.detail')} data-testid="panel-detail">
      <div className="drawer-header">
        <h2>
          {t('panels.detail')}
          {panel.status === 'ok' && <span className="code"> {panel.value.code}</span>}
        </h2>
        <button type="button" onClick={onClose}>
          {t('panels.close')}
        </button>
      </div>
      {panel.status === 'loading' && <p>{t('app.loading')}</p>}
      {panel.status === 'error' && <ErrorPanel error={panel.error} onRetry={retry} />}
      {panel.status === 'ok' && (
        <>
          <PanelFacts panel={panel.value} />
          <PanelActions panel={panel.value} onRemoved={onClose} />
          <Acceptances panel={panel.value} />
          <Inspections panel={panel.value} />
          <RecordExport panelId={panel.value.id} />
          <h3>{t('detail.timeline')}</h3>
          <Timeline panel={panel.value} />
          <PanelPhotos panel={panel.value} />
        </>
      )}
    </aside>
  );
}

/** The panel's state and design data. */
function PanelFacts({ panel }: { panel: PanelView }) {
  const { t } = useTranslation();
  // Each fact by its label's message key; a fact the panel does not have yet is left out.
  const facts: [string, string | number | null][] = [
    ['detail.finishedOn', panel.finishedOn],
    ['measurements.overbreakPct', panel.overbreakPct],
    ['panels.type', t(`panels.types.${panel.type}`)],
    ['panels.sequence', panel.sequence],
    ['panels.length', panel.lengthM],
    ['panels.thickness', panel.thicknessM],
    ['panels.designDepth', panel.designDepthM],
    ['panels.topLevel', panel.topLevelM],
    ['panels.toeLevel', panel.toeLevelM],
    ['panels.volume', panel.theoreticalVolumeM3],
    ['panels.cageWeight', panel.cageWeightT ?? '—'],
    ['panels.jointType', panel.jointType ? t(`panels.joints.${panel.jointType}`) : '—'],
  ];
  return (
    <dl className="facts">
      <dt>{t('detail.status')}</dt>
      <dd data-testid="detail-status">{t(statusKey(panel.status))}</dd>
      {facts
        .filter(([, value]) => value !== null && value !== '')
        .map(([label, value]) => (
          <Fragment key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

/** The panel's stage events, oldest first, with who recorded each and the photos of each. */
function Timeline(props: { panel: PanelView }) {
  const { t } = useTranslation();
  const { events } = props.panel;
  const photos = usePanelPhotos(props.panel);
  return events.length === 0 ? (
    <p className="muted">{t('detail.none')}</p>
  ) : (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} data-testid="timeline-event" data-stage={event.stage}>
          <strong>{t(`stages.${event.stage}`)}</strong>
          <span className="muted">
            {' '}
            {event.siteDay} · {t(`shifts.${event.shift}`)}
            {event.recordedByName ? ` · ${event.recordedByName}` : ''}
          </span>
          <MeasurementList measurements={event.measurements} />
          {event.notes && <p className="note">{event.notes}</p>}
          <CorrectionList
            corrections={props.panel.corrections.filter((c) => c.recordId === event.id)}
          />
          <CorrectRecord
            recordTable="panel_stage_events"
            recordId={event.id}
            fields={correctable(event)}
            values={event.measurements}
            notes={event.notes}
            canWithdraw={event === events[events.length - 1]}
            testId={`event-${event.stage}`}
          />
          <PhotoStrip
            photos={photos.filter((a) => a.ownerType === 'stage_event' && a.ownerId === event.id)}
            testId="event-photos"
          />
          <AddPhotos
            projectId={props.panel.projectId}
            owner={{ type: 'stage_event', id: event.id }}
            compact
            label={t('photos.addToEvent')}
            testId={`event-photos-add-${event.stage}`}
          />
        </li>
      ))}
    </ol>
  );
}

/** The measurements a stage record may be corrected in: what its stage asks for, and what it has. */
function correctable(event: PanelView['events'][number]): MeasurementKey[] {
  return MEASUREMENT_KEYS.filter(
    (k) =>
      k !== 'rig' &&
      (REQUIRED_MEASUREMENTS[event.stage].includes(k) || event.measurements[k] !== undefined),
  );
}

/** Every photo of the panel, on a stage or not, as a gallery. */
function PanelPhotos(props: { panel: PanelView }) {
  const { t } = useTranslation();
  const photos = usePanelPhotos(props.panel);
  return (
    <>
      <h3>{t('photos.title')}</h3>
      <PhotoGrid photos={photos} testId="panel-photos" />
    </>
  );
}

/** The panel's photos (one read, shared by the timeline and the gallery). */
function usePanelPhotos(panel: PanelView) {
  const [state] = useRead('attachments:list', { projectId: panel.projectId, panelId: panel.id });
  return state.status === 'ok' ? state.value : [];
}

/** Correct, retire or bring back, or delete a panel; and its design changes so far. */
function PanelActions(props: { panel: PanelView; onRemoved: () => void }) {
  const { t } = useTranslation();
  const { panel } = props;
  const [editing, setEditing] = useState(false);
  const { error, run } = useTask();
  const [confirm, ask] = useConfirm();
  const act = async (fn: () => Promise<unknown>, after: () => void = () => {}) => {
    if ((await run(fn)) !== null) after();
  };
  return (
    <div className="panel-actions">
      {confirm}
      <div className="form-actions">
        <button type="button" onClick={() => setEditing(!editing)} data-testid="panel-correct">
          {t('setup.correct')}
        </button>
        <button
          type="button"
          onClick={() =>
            void act(() => call('panels:retire', { panelId: panel.id, retired: !panel.retiredAt }))
          }
          data-testid="panel-retire"
        >
          {panel.retiredAt ? t('setup.restore') : t('setup.retire')}
        </button>
        {panel.events.length === 0 && (
          <button
            type="button"
            onClick={async () => {
              const question = t('confirm.removePanel', { code: panel.code });
              if (await ask(question, t('confirm.remove')))
                await act(() => call('panels:remove', { panelId: panel.id }), props.onRemoved);
            }}
            data-testid="panel-remove"
          >
            {t('setup.remove')}
          </button>
        )}
      </div>
      {error !== null && <ErrorPanel error={error} />}
      {editing && <PanelEditor panel={panel} onSaved={() => setEditing(false)} />}
      {panel.designChanges.length > 0 && (
        <>
          <h3>{t('setup.designHistory')}</h3>
          <ul data-testid="design-history">
            {panel.designChanges.map((c) => (
              <li key={c.id}>
                {t('setup.changedBy', {
                  at: when(c.changedAt),
                  by: c.changedByName,
                  changes: Object.entries(c.changes)
                    .map(([col, [from, to]]) => `${col} ${String(from)} → ${String(to)}`)
                    .join(', '),
                })}
                {c.reason ? ` — ${c.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
