// A milestone over one of the project's structures, done when every panel reaches a stage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { PANEL_STAGES, type PanelStage } from '../../../../main/domain/stages';
import { Field } from '../../components/Field';
import { fieldErrors } from '../../field-errors';
import { useLocalName } from '../../use-local-name';
import { call } from '../../api';
import { useSave } from './form-state';
import { SaveActions } from './SaveActions';

export function MilestoneStep({ project, onSaved }: { project: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const live = project.structures.filter((s) => !s.retiredAt);
  const [form, setForm] = useState({ nameZh: '', nameEn: '', dueDate: '' });
  const [structureId, setStructureId] = useState(live[0]?.id ?? '');
  const [stage, setStage] = useState<PanelStage>('concreting');
  const { busy, error, run } = useSave();
  const invalid = fieldErrors(error);
  const save = async () => {
    const saved = await run(() =>
      call('milestones:create', {
        projectId: project.id,
        ...form,
        scope: { structureId },
        stage: stage === 'concreting' ? null : stage,
      }),
    );
    if (saved) onSaved();
  };
  const input = (key: keyof typeof form, label: string, type = 'text') => (
    <Field label={t(label)} error={invalid[key]}>
      <input
        type={type}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        data-testid={`milestone-${key}`}
      />
    </Field>
  );
  return (
    <div data-testid="wizard-milestone">
      <div className="form-row">
        {input('nameZh', 'setup.milestoneName')}
        {input('nameEn', 'setup.milestoneNameEn')}
        {input('dueDate', 'setup.due', 'date')}
      </div>
      <div className="form-row">
        <Field label={t('topbar.structure')} error={invalid['scope.structureId']}>
          <select
            value={structureId}
            onChange={(e) => setStructureId(e.target.value)}
            data-testid="milestone-structure"
          >
            {live.map((s) => (
              <option key={s.id} value={s.id}>
                {localName(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('setup.scopeStage')}>
          <select
            value={stage}
            onChange={(e) => setStage(e.target.value as PanelStage)}
            data-testid="milestone-stage"
          >
            {PANEL_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <SaveActions
        error={error}
        invalid={invalid}
        busy={busy}
        onSave={() => void save()}
        testId="milestone-save"
      />
    </div>
  );
}
