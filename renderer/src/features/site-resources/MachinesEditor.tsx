// The project's machines in Settings: register one (code, kind, make and model), mark it on or
// off site, correct it, retire it (it keeps its hours) and bring it back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MACHINE_KINDS, type Machine, type MachineKind } from '../../../../main/domain/machines';
import { call } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useRead } from '../../data/use-read';
import { useSave } from './form-state';

interface Draft {
  code: string;
  kind: MachineKind;
  makeModel: string;
  onSite: boolean;
}

const draftOf = (m: Machine | null): Draft => ({
  code: m?.code ?? '',
  kind: m?.kind ?? 'hydraulic_grab',
  makeModel: m?.makeModel ?? '',
  onSite: m?.onSite ?? true,
});

export function MachinesEditor({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [machines] = useRead('machines:list', { projectId });
  // The blank row for a new machine starts blank again after each save.
  const [saves, setSaves] = useState(0);
  const { busy, error, run } = useSave();
  const act = async (save: () => Promise<unknown>) => {
    if ((await run(save)) !== null) setSaves((n) => n + 1);
  };
  if (machines.status !== 'ok') return null;
  const save = (machine: Machine | null, d: Draft) =>
    act(() =>
      call('machines:save', {
        projectId,
        ...(machine ? { machineId: machine.id } : {}),
        code: d.code,
        kind: d.kind,
        makeModel: d.makeModel.trim() || null,
        onSite: d.onSite,
      }),
    );
  return (
    <div className="card" data-testid="machines-editor">
      <h2>{t('resources.register')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('resources.code')}</th>
            <th>{t('resources.machineKind')}</th>
            <th>{t('resources.makeModel')}</th>
            <th>{t('resources.onSite')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {machines.value.map((m) => (
            <MachineRow
              key={m.id}
              machine={m}
              busy={busy}
              onSave={(d) => save(m, d)}
              onRetire={(retired) =>
                act(() => call('machines:retire', { machineId: m.id, retired }))
              }
            />
          ))}
          <MachineRow
            key={`new-${saves}`}
            machine={null}
            busy={busy}
            onSave={(d) => save(null, d)}
          />
        </tbody>
      </table>
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}

function MachineRow({
  machine,
  busy,
  onSave,
  onRetire,
}: {
  machine: Machine | null;
  busy: boolean;
  onSave: (draft: Draft) => Promise<void>;
  onRetire?: (retired: boolean) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(draftOf(machine));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const changed = JSON.stringify(draft) !== JSON.stringify(draftOf(machine));
  const id = machine?.code ?? 'new';
  return (
    <tr className={machine?.retiredAt ? 'retired' : ''} data-testid={`machine-row-${id}`}>
      <td>
        <input
          value={draft.code}
          maxLength={32}
          onChange={(e) => set({ code: e.target.value })}
          aria-label={t('resources.code')}
          data-testid={`machine-code-${id}`}
        />
      </td>
      <td>
        <select
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as MachineKind })}
          aria-label={t('resources.machineKind')}
          data-testid={`machine-kind-${id}`}
        >
          {MACHINE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`machines.kinds.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          value={draft.makeModel}
          maxLength={64}
          onChange={(e) => set({ makeModel: e.target.value })}
          aria-label={t('resources.makeModel')}
          data-testid={`machine-model-${id}`}
        />
      </td>
      <td>
        <input
          type="checkbox"
          checked={draft.onSite}
          onChange={(e) => set({ onSite: e.target.checked })}
          aria-label={t('resources.onSite')}
        />
      </td>
      <td>
        {(changed || !machine) && (
          <button
            type="button"
            disabled={busy || !draft.code.trim()}
            onClick={() => void onSave(draft)}
            data-testid={`machine-save-${id}`}
          >
            {machine ? t('today.save') : t('resources.addMachine')}
          </button>
        )}
        {machine && onRetire && (
          <button type="button" className="link" onClick={() => void onRetire(!machine.retiredAt)}>
            {machine.retiredAt ? t('resources.restore') : t('resources.retire')}
          </button>
        )}
      </td>
    </tr>
  );
}
