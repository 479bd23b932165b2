// Engineers live here: one site day and shift, everything to record for it, and what is missing.
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHIFTS, type Shift } from '../../../main/domain/stages';
import type { TodayView } from '../../../main/domain/today';
import { answered, call } from '../api';
import type { ScreenProps } from '../App';
import { ErrorPanel } from '../components/ErrorPanel';
import { useAsync } from '../use-async';
import { CrewForm } from './today/CrewForm';
import { DayEvents } from './today/DayEvents';
import { LogForm } from './today/LogForm';
import { ResourceCards } from './today/ResourceCards';
import { MissingList } from './today/MissingList';
import { StageForm } from './today/StageForm';
import { PhotosCard } from './today/PhotosCard';

export function TodayScreen({ project, siteDay, revision, onChanged }: ScreenProps) {
  const { t } = useTranslation();
  const [shift, setShift] = useState<Shift>('day');
  const [today, retry] = useAsync(
    () => call('today:get', { projectId: project.id, siteDay }),
    [project.id, siteDay, revision],
    {
      keepWhileReloading: true,
      initial: () => answered('today:get', { projectId: project.id, siteDay }),
    },
  );
  const [panels] = useAsync(
    () => call('panels:list', { projectId: project.id }),
    [project.id, revision],
    { keepWhileReloading: true },
  );
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
              onSaved={onChanged}
            />
          )}
          <h2>{t('today.eventsToday')}</h2>
          {day && listed && <DayEvents events={day.events} panels={listed} onChanged={onChanged} />}
        </div>
        <div className="card">
          <h2>
            {t('today.crews')} · {t(`shifts.${shift}`)}
          </h2>
          {day ? (
            <CrewForm
              key={`${day.siteDay}-${shift}-${revision}`}
              projectId={project.id}
              siteDay={day.siteDay}
              shift={shift}
              crews={day.crews}
              onSaved={onChanged}
            />
          ) : (
            <p>{t('app.loading')}</p>
          )}
        </div>
        <ResourceCards projectId={project.id} {...{ siteDay, shift, revision, onChanged }} />
        <LogCard projectId={project.id} day={day} revision={revision} onSaved={onChanged} />
        {day && listed && (
          <PhotosCard
            projectId={project.id}
            siteDay={day.siteDay}
            revision={revision}
            events={day.events}
            panels={listed}
            onChanged={onChanged}
          />
        )}
      </div>
    </section>
  );
}

function LogCard(props: {
  projectId: string;
  day: TodayView | null;
  revision: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { day } = props;
  return (
    <div className="card">
      <h2>{t('today.weatherAndNotes')}</h2>
      {day ? (
        <LogForm
          key={`${day.siteDay}-${props.revision}`}
          projectId={props.projectId}
          siteDay={day.siteDay}
          log={day.log}
          onSaved={props.onSaved}
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
