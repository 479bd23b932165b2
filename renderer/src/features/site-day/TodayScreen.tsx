// Engineers live here: one site day and shift, everything to record for it, and what is missing.
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHIFTS, type Shift } from '../../../../main/domain/stages';
import type { TodayView } from '../../../../main/domain/today';
import type { ScreenProps } from '../../app/screen-props';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import { CrewForm } from './CrewForm';
import { DayEvents } from './DayEvents';
import { LogForm } from './LogForm';
import { ResourceCards } from '../site-resources/ResourceCards';
import { MissingList } from './MissingList';
import { StageForm } from './StageForm';
import { PhotosCard } from '../attachments/PhotosCard';

export function TodayScreen({ project, siteDay }: ScreenProps) {
  const { t } = useTranslation();
  const [shift, setShift] = useState<Shift>('day');
  const keep = { keepWhileReloading: true };
  const [today, retry] = useRead('today:get', { projectId: project.id, siteDay }, keep);
  const [panels] = useRead('panels:list', { projectId: project.id }, keep);
  // A form shows only the data of the day it will save to, never the last day's while loading.
  const day = today.status === 'ok' && today.value.siteDay === siteDay ? today.value : null;
  // The crew form first: what lists the panels (2,000 on a big site) renders a moment later, in
  // the background, so the first screen shows and typing never waits for it.
  const listed = useDeferredValue(panels.status === 'ok' ? panels.value : null);
  return (
    <section className="today" data-testid="today">
      <div className="screen-header">
        <h1>{t('today.title')}</h1>
        <ShiftPicker shift={shift} onChange={setShift} />
      </div>
      {today.status === 'error' && <ErrorPanel error={today.error} onRetry={retry} />}
      {day && <MissingList missing={day.missing} />}
      <div className="today-grid">
        <div className="card">
          <h2>{t('today.recordStage')}</h2>
          {listed && day && (
            <StageForm
              panels={listed}
              teams={day.crews.teams}
              siteDay={siteDay}
              shift={shift}
              settings={project.settings}
            />
          )}
          <h2>{t('today.eventsToday')}</h2>
          {day && listed && <DayEvents events={day.events} panels={listed} />}
        </div>
        <div className="card">
          <h2>
            {t('today.crews')} · {t(`shifts.${shift}`)}
          </h2>
          {day ? (
            <CrewForm
              key={`${day.siteDay}-${shift}`}
              projectId={project.id}
              siteDay={day.siteDay}
              shift={shift}
              crews={day.crews}
            />
          ) : (
            <p>{t('app.loading')}</p>
          )}
        </div>
        <ResourceCards projectId={project.id} siteDay={siteDay} shift={shift} />
        <LogCard projectId={project.id} day={day} />
        {day && listed && (
          <PhotosCard
            projectId={project.id}
            siteDay={day.siteDay}
            events={day.events}
            panels={listed}
          />
        )}
      </div>
    </section>
  );
}

function LogCard(props: { projectId: string; day: TodayView | null }) {
  const { t } = useTranslation();
  const { day } = props;
  return (
    <div className="card">
      <h2>{t('today.weatherAndNotes')}</h2>
      {day ? (
        <LogForm
          key={day.siteDay}
          projectId={props.projectId}
          siteDay={day.siteDay}
          log={day.log}
        />
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </div>
  );
}

function ShiftPicker({ shift, onChange }: { shift: Shift; onChange: (shift: Shift) => void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('today.shift')}>
      {SHIFTS.map((s) => (
        <button
          key={s}
          type="button"
          className={s === shift ? 'active' : ''}
          aria-pressed={s === shift}
          onClick={() => onChange(s)}
          data-testid={`shift-${s}`}
        >
          {t(`shifts.${s}`)}
        </button>
      ))}
    </div>
  );
}
