// The projects on this laptop; choosing one opens it (and is remembered), or starts a new one.
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useRead } from '../data/use-read';
import { useLocalName } from '../shared/use-local-name';

const NEW = '__new__';

export function ProjectSwitcher(props: {
  current: string;
  onSwitched: () => void;
  onNewProject: () => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [projects] = useRead('project:list', {});
  if (projects.status !== 'ok') return null;
  const choose = async (value: string) => {
    if (value === NEW) return props.onNewProject();
    await call('project:select', { projectId: value });
    props.onSwitched();
  };
  return (
    <select
      value={props.current}
      onChange={(e) => void choose(e.target.value)}
      aria-label={t('setup.switchProject')}
      data-testid="project-switcher"
    >
      {projects.value.map((p) => (
        <option key={p.id} value={p.id}>
          {p.code} · {localName(p)}
        </option>
      ))}
      <option value={NEW}>{t('setup.newProjectOption')}</option>
    </select>
  );
}
