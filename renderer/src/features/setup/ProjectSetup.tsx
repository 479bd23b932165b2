// The set-up of the open project in Settings: its header, settings, teams, structures and
// milestones; the wizard's steps, each usable again at any time.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { useConfirm } from '../../shared/Confirm';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { textFields } from '../../shared/Field';
import { downloadBase64 } from '../../shared/download';
import { fieldErrors } from '../../shared/field-errors';
import { useRead } from '../../data/use-read';
import { useLocalName } from '../../shared/use-local-name';
import { call } from '../../api';
import { useTask } from '../../shared/use-task';
import { MilestoneStep } from './MilestoneStep';
import { PROJECT_HEADER, type HeaderField } from './project-header';
import { SettingsStep } from './SettingsStep';
import { StructureStep } from './StructureStep';
import { TeamsEditor } from './TeamsEditor';

// Every save here changes what the screens read, and they read it again (data/query-client.ts).
const STAY = () => {};

export function ProjectSetup({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <div data-testid="project-setup">
      <h2>{t('setup.projectHeader')}</h2>
      <HeaderForm project={project} />
      <SettingsStep project={project} onSaved={STAY} />
      <TeamsEditor projectId={project.id} />
      <Structures project={project} />
      <Milestones project={project} />
    </div>
  );
}

function HeaderForm({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<HeaderField, string>>({
    code: project.code,
    nameZh: project.nameZh,
    nameEn: project.nameEn,
    timezone: project.timezone,
    ownerName: project.ownerName ?? '',
    contractorName: project.contractorName ?? '',
  });
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const save = async () => {
    const body = {
      ...form,
      ownerName: form.ownerName || null,
      contractorName: form.contractorName || null,
    };
    await run(() => call('project:update', { projectId: project.id, ...body }));
  };
  const exportFile = () =>
    run(async () => {
      const file = await call('project:export', { projectId: project.id });
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
    });
  const text = textFields(form, setForm, { testPrefix: 'header', invalid });

  return (
    <div className="card">
      <div className="form-row">{PROJECT_HEADER.map(([key, label]) => text(key, t(label)))}</div>
      {error !== null && Object.keys(invalid).length === 0 && <ErrorPanel error={error} />}
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => void save()} data-testid="header-save">
          {t('setup.save')}
        </button>
        <button type="button" onClick={() => void exportFile()} data-testid="project-export">
          {t('setup.exportDefinition')}
        </button>
      </div>
    </div>
  );
}

function Structures({ project }: { project: Project }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { error, run } = useTask();
  const retire = async (structureId: string, retired: boolean) => {
    await run(() => call('structures:retire', { structureId, retired }));
  };
  return (
    <div className="card" data-testid="structures-editor">
      <h2>{t('setup.structures')}</h2>
      <ul>
        {project.structures.map((s) => (
          <li key={s.id} className={s.retiredAt ? 'retired' : ''}>
            {s.code} · {localName(s)} · {t(`setup.kinds.${s.kind}`)}{' '}
            {s.outline ? `· ${t(`setup.shapes.${s.outline.shape}`)}` : ''}{' '}
            <button type="button" onClick={() => void retire(s.id, !s.retiredAt)}>
              {s.retiredAt ? t('setup.restore') : t('setup.retire')}
            </button>
          </li>
        ))}
      </ul>
      {error !== null && <ErrorPanel error={error} />}
      <Adding label={t('setup.addStructure')} testId="add-structure">
        {(done) => <StructureStep project={project} onCreated={done} />}
      </Adding>
    </div>
  );
}

function Milestones({ project }: { project: Project }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [list] = useRead('milestones:list', { projectId: project.id });
  const { error, run } = useTask();
  const [confirm, ask] = useConfirm();
  const remove = async (milestone: { id: string; nameZh: string; nameEn: string }) => {
    const question = t('confirm.removeMilestone', { name: localName(milestone) });
    if (await ask(question, t('confirm.remove')))
      await run(() => call('milestones:delete', { milestoneId: milestone.id }));
  };
  return (
    <div className="card" data-testid="milestones-editor">
      {confirm}
      <h2>{t('setup.milestones')}</h2>
      <ul>
        {list.status === 'ok' &&
          list.value.map((m) => (
            <li key={m.id}>
              {localName(m)} · {m.dueDate} · {m.scopeFinished}/{m.scopeTotal}{' '}
              <button type="button" onClick={() => void remove(m)}>
                {t('setup.remove')}
              </button>
            </li>
          ))}
      </ul>
      {error !== null && <ErrorPanel error={error} />}
      <Adding label={t('setup.addMilestone')} testId="add-milestone">
        {(done) => <MilestoneStep project={project} onSaved={done} />}
      </Adding>
    </div>
  );
}

/** A button that opens the form for a new one in its place, closed again once it is added. */
function Adding(props: {
  label: string;
  testId: string;
  children: (done: () => void) => ReactNode;
}) {
  const [adding, setAdding] = useState(false);
  if (adding) return props.children(() => setAdding(false));
  return (
    <button type="button" onClick={() => setAdding(true)} data-testid={props.testId}>
      {props.label}
    </button>
  );
}
