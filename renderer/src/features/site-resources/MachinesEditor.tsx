// The project's machines in Settings: register one (code, kind, make and model), mark it on or
// off site, correct it, retire it (it keeps its hours) and bring it back.
import { useTranslation } from 'react-i18next';
import { MACHINE_KINDS, type Machine, type MachineKind } from '../../../../main/domain/machines';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { RegisterEditor } from '../../shared/RegisterEditor';

const draftOf = (m: Machine | null) => ({
  code: m?.code ?? '',
  kind: m?.kind ?? ('hydraulic_grab' as MachineKind),
  makeModel: m?.makeModel ?? '',
  onSite: m?.onSite ?? true,
});

export function MachinesEditor({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [machines] = useRead('machines:list', { projectId });
  if (machines.status !== 'ok') return null;
  return (
    <RegisterEditor
      testId="machines-editor"
      title={t('resources.register')}
      members={machines.value}
      columns={[
        { key: 'code', label: t('resources.code'), type: 'text', maxLength: 32 },
        {
          key: 'kind',
          label: t('resources.machineKind'),
          type: 'choice',
          options: MACHINE_KINDS,
          labels: 'machines.kinds',
        },
        { key: 'makeModel', label: t('resources.makeModel'), type: 'text', maxLength: 64 },
        { key: 'onSite', label: t('resources.onSite'), type: 'check' },
      ]}
      draftOf={draftOf}
      partId={(row, part) => `machine-${row}-${part}`}
      addLabel={t('resources.addMachine')}
      retireLabel={(m) => (m.retiredAt ? t('resources.restore') : t('resources.retire'))}
      save={(machine, d) =>
        call('machines:save', {
          projectId,
          ...(machine ? { machineId: machine.id } : {}),
          code: d.code,
          kind: d.kind,
          makeModel: d.makeModel.trim() || null,
          onSite: d.onSite,
        })
      }
      retire={(machine, retired) => call('machines:retire', { machineId: machine.id, retired })}
    />
  );
}
