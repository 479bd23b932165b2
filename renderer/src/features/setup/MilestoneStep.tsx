// A milestone over one of the project's structures, done when every panel reaches a stage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { PANEL_STAGES, type PanelStage } from '../../../../main/domain/stages';
import { DateField } from '../../shared/DateField';
import { Field, textFields } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { useLocalName } from '../../shared/use-local-name';
import { call } from '../../api';
import { useTask } from '../../shared/use-task';
import { SaveActions } from './SaveActions';
import { ChoiceField } from '../../shared/Choice';

export function MilestoneStep({ project, onSaved }: { project: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const live = project.structures.filter((s) => !s.retiredAt);
  const [form, setForm] = useState({ nameZh: '', nameEn: '', dueDate: '' });
  const [structureId, setStructureId] = useState(live[0]?.id ?? '');
  const [stage, setStage] = useState<PanelStage>('concreting');
  const { busy, error, run } = useTask();
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
  const text = textFields(form, setForm, { testPrefix: 'milestone', invalid });
  const input = (key: keyof typeof form, label: string) => text(key, t(label));
  return (
    <div data-testid="wizard-milestone">
      <div className="form-row">
        {input('nameZh', 'setup.milestoneName')}
        {input('nameEn', 'setup.milestoneNameEn')}
        <Field label={t('setup.due')} error={invalid.dueDate}>
          <DateField
            value={form.dueDate}
            onCommit={(dueDate) => setForm({ ...form, dueDate })}
            testId="milestone-dueDate"
          />
        </Field>
      </div>
      <div className="form-row">
        <ChoiceField
          label={t('topbar.structure')}
          error={invalid['scope.structureId']}
          value={structureId}
          items={live.map((s) => ({ value: s.id, label: localName(s) }))}
          onChange={setStructureId}
          testId="milestone-structure"
        />
        <ChoiceField
          label={t('setup.scopeStage')}
          value={stage}
          options={PANEL_STAGES}
          labels="stages"
          onChange={setStage}
          testId="milestone-stage"
        />
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
