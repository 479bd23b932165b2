// The day's photos on Today: drop a camera folder (each photo lands on its EXIF day), then hang
// each of the day's photos on a stage record or a panel, caption it, and choose whether the sheet
// shows it, in one quick grid.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PanelSummary } from '../../../../main/domain/panel';
import type { MilestoneView } from '../../../../main/domain/project';
import { SHIFTS, type StageEvent } from '../../../../main/domain/stages';
import type { Results } from '../../../../main/api/contract';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { AddPhotos } from './AddPhotos';
import { DAY_PLACE, PhotoGrid, type PhotoPlace } from './PhotoGrid';
import { useRead } from '../../data/use-read';
import { useLocalName } from '../../shared/use-local-name';

export function PhotosCard(props: {
  projectId: string;
  siteDay: string;
  events: StageEvent[];
  panels: PanelSummary[];
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const day = { projectId: props.projectId, siteDay: props.siteDay };
  const keep = { keepWhileReloading: true };
  const [photos, retry] = useRead('attachments:list', day, keep);
  const [machines] = useRead('machines:day', day, keep);
  const [milestones] = useRead('milestones:list', { projectId: props.projectId }, keep);
  const code = new Map(props.panels.map((p) => [p.id, p.code]));
  const places: PhotoPlace[] = [{ ...DAY_PLACE, label: t('photos.noPanel') }];
  for (const e of props.events)
    places.push({
      key: `stage_event:${e.id}`,
      label: `${code.get(e.panelId) ?? '?'} · ${t(`stages.${e.stage}`)}`,
      owner: { type: 'stage_event', id: e.id },
      panelId: e.panelId,
    });
  const panelIds = new Set([
    ...props.events.map((e) => e.panelId),
    ...(photos.status === 'ok' ? photos.value.flatMap((a) => (a.panelId ? [a.panelId] : [])) : []),
  ]);
  for (const id of panelIds)
    places.push({
      key: `panel:${id}`,
      label: `${code.get(id) ?? '?'} ${t('photos.noEvent')}`,
      owner: { type: 'site_day', id: null },
      panelId: id,
    });
  if (machines.status === 'ok' && milestones.status === 'ok')
    places.push(...otherPlaces([machines.value, milestones.value], t, localName));
  return (
    <div className="card photos-card">
      <h2>{t('photos.title')}</h2>
      <AddPhotos projectId={props.projectId} testId="day-photos-add" />
      {photos.status === 'error' && <ErrorPanel error={photos.error} onRetry={retry} />}
      {photos.status === 'ok' && (
        <PhotoGrid photos={photos.value} places={places} testId="day-photos" />
      )}
    </div>
  );
}

type MachineDay = Results['machines:day'];

/** A machine's down time on the day (a shift recorded with hours down), and each milestone. */
function otherPlaces(
  [machines, milestones]: [MachineDay, MilestoneView[]],
  t: TFunction,
  name: (item: { nameZh: string; nameEn: string }) => string,
): PhotoPlace[] {
  const places: PhotoPlace[] = [];
  const codeOf = new Map(machines.machines.map((m) => [m.id, m.code]));
  for (const shift of SHIFTS)
    for (const entry of machines.shifts[shift])
      if (entry.recorded && entry.recorded.hoursDown > 0)
        places.push({
          key: `machine_shift:${entry.recorded.id}`,
          label: `${codeOf.get(entry.machineId) ?? '?'} · ${t('photos.downTime')} · ${t(`shifts.${shift}`)}`,
          owner: { type: 'machine_shift', id: entry.recorded.id },
          panelId: null,
        });
  for (const m of milestones)
    places.push({
      key: `milestone:${m.id}`,
      label: `${t('photos.milestone')} · ${name(m)}`,
      owner: { type: 'milestone', id: m.id },
      panelId: null,
    });
  return places;
}
