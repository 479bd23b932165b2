// The wizard's first step: the project's code, names, time zone, the sheet header and its teams.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../main/domain/project';
import { Field, textFields } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { readBase64 } from '../../shared/read-file';
import { useRead } from '../../data/use-read';
import { call } from '../../api';
import { useTask } from '../../shared/use-task';
import { SaveActions } from './SaveActions';
import { PROJECT_HEADER, type HeaderField } from './project-header';

export function BasicsStep({ onCreated }: { onCreated: (project: Project) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<HeaderField, string>>({
    code: '',
    nameZh: '',
    nameEn: '',
    timezone: 'Asia/Shanghai',
    ownerName: '',
    contractorName: '',
  });
  const [teams, setTeams] = useState('key-teams');
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const create = async () => {
    const from =
      teams === 'key-teams' || teams === 'none'
        ? { from: teams as 'key-teams' | 'none' }
        : { from: 'project' as const, projectId: teams };
    const project = await run(() =>
      call('project:create', {
        ...form,
        ownerName: form.ownerName || null,
        contractorName: form.contractorName || null,
        teams: from,
      }),
    );
    if (project) onCreated(project);
  };
  const fromFile = async (file: File | undefined) => {
    if (!file) return;
    const project = await run(async () =>
      call('project:create-from-file', { fileName: file.name, dataBase64: await readBase64(file) }),
    );
    if (project) onCreated(project);
  };
  const text = textFields(form, setForm, { testPrefix: 'new', invalid });
  const fields = (from: number, to?: number) =>
    PROJECT_HEADER.slice(from, to).map(([key, label]) => text(key, t(label)));
  return (
    <div data-testid="wizard-basics">
      <div className="form-row">{fields(0, 4)}</div>
      <div className="form-row">
        {fields(4)}
        <TeamsFrom value={teams} onChange={setTeams} />
      </div>
      <FromFile onFile={(file) => void fromFile(file)} />
      <SaveActions
        error={error}
        invalid={invalid}
        busy={busy}
        onSave={() => void create()}
        testId="wizard-create"
        label="setup.create"
      />
    </div>
  );
}

/** Where the new project's teams come from: the key teams, none, or another project's. */
function TeamsFrom({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [projects] = useRead('project:list', {});
  return (
    <Field label={t('setup.teamsFrom')}>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="new-teams">
        <option value="key-teams">{t('setup.keyTeams')}</option>
        <option value="none">{t('setup.noTeams')}</option>
        {projects.status === 'ok' &&
          projects.value.map((p) => (
            <option key={p.id} value={p.id}>
              {t('setup.copyTeams', { name: p.nameZh })}
            </option>
          ))}
      </select>
    </Field>
  );
}

function FromFile({ onFile }: { onFile: (file: File | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <label className="muted">
      {t('setup.fromFile')}{' '}
      <input
        type="file"
        accept=".json"
        onChange={(e) => onFile(e.target.files?.[0])}
        data-testid="new-from-file"
      />
    </label>
  );
}
