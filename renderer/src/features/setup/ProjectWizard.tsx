// A new project, step by step: the project first (it exists from then on), then its settings, a
// structure with its panels, and a milestone. Every step after the first may be skipped and changed
// later in Settings.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { Modal } from '../../shared/Modal';
import { BasicsStep } from './BasicsStep';
import { call } from '../../api';
import { MilestoneStep } from './MilestoneStep';
import { SettingsStep } from './SettingsStep';
import { StructureStep } from './StructureStep';

const STEPS = ['basics', 'settings', 'structure', 'milestone'] as const;

export function ProjectWizard({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [project, setProject] = useState<Project | null>(null);
  const name = STEPS[step]!;
  const next = () => (step + 1 < STEPS.length ? setStep(step + 1) : onDone());
  // Each step re-reads the project, so a structure made in one step is there in the next.
  const reload = async () =>
    project && setProject(await call('project:get', { projectId: project.id }));
  return (
    <Modal
      label={t('setup.newProject')}
      testId="project-wizard"
      onClose={project ? undefined : onClose}
    >
      <h2>
        {t('setup.newProject')} · {t(`setup.steps.${name}`)}
      </h2>
      <p className="muted">{t('setup.stepOf', { n: step + 1, total: STEPS.length })}</p>
      {name === 'basics' && (
        <BasicsStep
          onCreated={(created) => {
            setProject(created);
            setStep(1);
          }}
        />
      )}
      {project && name === 'settings' && <SettingsStep project={project} onSaved={next} />}
      {project && name === 'structure' && (
        <StructureStep project={project} onCreated={() => void reload()} />
      )}
      {project && name === 'milestone' && (
        <MilestoneStep key={project.structures.length} project={project} onSaved={next} />
      )}
      <div className="form-actions">
        {project ? (
          <button type="button" onClick={next} data-testid="wizard-next">
            {step + 1 < STEPS.length ? t('setup.next') : t('setup.finish')}
          </button>
        ) : (
          <button type="button" onClick={onClose} data-testid="wizard-cancel">
            {t('importer.cancel')}
          </button>
        )}
      </div>
    </Modal>
  );
}
