// The day's machines (for the shift) and materials, each in its card on the Today screen.
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../../main/domain/stages';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useRead } from '../../data/use-read';
import { MachineForm } from './MachineForm';
import { MaterialForm } from './MaterialForm';

export function ResourceCards({
  projectId,
  siteDay,
  shift,
}: {
  projectId: string;
  siteDay: string;
  shift: Shift;
}) {
  const { t } = useTranslation();
  const keep = { keepWhileReloading: true };
  const [machines, retryMachines] = useRead('machines:day', { projectId, siteDay }, keep);
  const [materials, retryMaterials] = useRead('materials:day', { projectId, siteDay }, keep);
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
            key={`${machineDay.siteDay}-${shift}`}
            projectId={projectId}
            shift={shift}
            day={machineDay}
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
          <MaterialForm projectId={projectId} day={materialDay} />
        ) : (
          <p>{t('app.loading')}</p>
        )}
      </div>
    </>
  );
}
