// Which activity gives each structure its planned start and finish, in the schedule import.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { useLocalName } from '../../shared/use-local-name';
import type { Results } from '../../../../main/api/contract';

/** What a schedule file's preview holds. */
export type SchedulePreview = Results['schedule:import-preview'];

/** For each structure, the activity whose start and finish become its planned dates. */
export function PlanPicker({
  project,
  preview,
  plans,
  onPlans,
}: {
  project: Project;
  preview: SchedulePreview;
  plans: Record<string, string>;
  onPlans: (next: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const dated = useMemo(
    () =>
      preview.activities.filter(
        (a) => (a.currentStart ?? a.baselineStart) && (a.currentFinish ?? a.baselineFinish),
      ),
    [preview],
  );
  if (!project.structures.length) return null;
  return (
    <>
      <h3>{t('scheduleImport.plans')}</h3>
      <datalist id="schedule-activities">
        {dated.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </datalist>
      {project.structures.map((s) => (
        <div className="form-row" key={s.id}>
          <label>
            {s.code} {localName(s)} · {t('scheduleImport.planFrom')}{' '}
            <input
              list="schedule-activities"
              placeholder={t('scheduleImport.noPlan')}
              value={plans[s.id] ?? ''}
              onChange={(e) => onPlans({ ...plans, [s.id]: e.target.value.trim() })}
              data-testid="schedule-plan"
            />
          </label>
        </div>
      ))}
    </>
  );
}
