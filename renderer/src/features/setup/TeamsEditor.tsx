// A project's teams in Settings: rename in place, add, move up or down, retire and bring back.
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../main/domain/project';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { RegisterEditor } from '../../shared/RegisterEditor';

const draftOf = (team: Team | null) => ({
  code: team?.code ?? '',
  nameZh: team?.nameZh ?? '',
  nameEn: team?.nameEn ?? '',
});

export function TeamsEditor({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [teams] = useRead('teams:list', { projectId });
  if (teams.status !== 'ok') return null;
  return (
    <RegisterEditor
      testId="teams-editor"
      title={t('crewsScreen.teams')}
      members={teams.value}
      columns={[
        { key: 'code', label: t('fieldNames.code'), type: 'text', maxLength: 32 },
        { key: 'nameZh', label: t('fieldNames.nameZh'), type: 'text', maxLength: 100 },
        { key: 'nameEn', label: t('fieldNames.nameEn'), type: 'text', maxLength: 100 },
      ]}
      draftOf={draftOf}
      partId={(row, part) => `team-${row}-${part}`}
      addLabel={t('calendar.add')}
      retireLabel={(team) => (team.retiredAt ? t('setup.restore') : t('setup.retire'))}
      save={(team, names) =>
        call('teams:save', { projectId, ...(team ? { teamId: team.id } : {}), ...names })
      }
      retire={(team, retired) => call('teams:retire', { teamId: team.id, retired })}
      reorder={(teamIds) => call('teams:reorder', { projectId, teamIds })}
    />
  );
}
