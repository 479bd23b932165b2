// The day's machines (for the shift) and materials, each in its card on the Today screen.
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../../main/domain/stages';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useAsync } from '../../use-async';
import { MachineForm } from './MachineForm';
import { MaterialForm } from './MaterialForm';

export function ResourceCards({
  projectId,
  siteDay,
  shift,
  revision,
  onChanged,
}: {
  projectId: string;
  siteDay: string;
  shift: Shift;
  revision: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [machines, retryMachines] = useAsync(
    () => call('machines:day', { projectId, siteDay }),
    [projectId, siteDay, revision],
    { keepWhileReloading: true },
  );
  const [materials, retryMaterials] = useAsync(
    () => call('materials:day', { projectId, siteDay }),
    [projectId, siteDay, revision],
    { keepWhileReloading: true },
  );
  // As for the other forms: only the data of the day it will save to.
  const machineDay =
    machines.status === 'ok' && machines.value.siteDay === siteDay ? machines.value : null;
  const materialDay =
    materials.status === 'ok' && materials.value.siteDay === siteDay ? materials.value : null;
  return (
    <>
      <div className="card span-2">
        <h2>
          {t('resources.machines')} · {t(`shifts.${shift}`)}
        </h2>
        {machines.status === 'error' && (
          <ErrorPanel error={machines.error} onRetry={retryMachines} />
        )}
        {machineDay ? (
          <MachineForm
            key={`${machineDay.siteDay}-${shift}-${revision}`}
            projectId={projectId}
            shift={shift}
            day={machineDay}
            onSaved={onChanged}
          />
        ) : (
          <p>{t('app.loading')}</p>
        )}
      </div>
      <div className="card">
        <h2>{t('resources.materials')}</h2>
        {materials.status === 'error' && (
          <ErrorPanel error={materials.error} onRetry={retryMaterials} />
        )}
        {materialDay ? (
          <MaterialForm projectId={projectId} day={materialDay} onSaved={onChanged} />
        ) : (
          <p>{t('app.loading')}</p>
        )}
      </div>
    </>
  );
}
