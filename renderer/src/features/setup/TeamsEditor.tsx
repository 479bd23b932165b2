// A project's teams in Settings: rename in place, add, move up or down, retire and bring back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../main/domain/project';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useRead } from '../../data/use-read';
import { call } from '../../api';
import { useSave } from './form-state';

export function TeamsEditor({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [teams] = useRead('teams:list', { projectId });
  const { busy, error, run } = useSave();
  const act = async (save: () => Promise<unknown>) => void (await run(save));
  if (teams.status !== 'ok') return null;
  const list = teams.value;
  const move = (i: number, by: number) => {
    const order = list.map((x) => x.id);
    const [id] = order.splice(i, 1);
    order.splice(i + by, 0, id!);
    return act(() => call('teams:reorder', { projectId, teamIds: order }));
  };
  return (
    <div className="card" data-testid="teams-editor">
      <h2>{t('crewsScreen.teams')}</h2>
      <table className="grid">
        <tbody>
          {list.map((team, i) => (
            <TeamRow
              key={team.id}
              team={team}
              busy={busy}
              onSave={(names) =>
                act(() => call('teams:save', { projectId, teamId: team.id, ...names }))
              }
              onRetire={(retired) => act(() => call('teams:retire', { teamId: team.id, retired }))}
              onUp={i > 0 ? () => void move(i, -1) : null}
              onDown={i < list.length - 1 ? () => void move(i, 1) : null}
            />
          ))}
          <TeamRow
            team={null}
            busy={busy}
            onSave={(names) => act(() => call('teams:save', { projectId, ...names }))}
          />
        </tbody>
      </table>
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}

type Names = { code: string; nameZh: string; nameEn: string };

function TeamRow(props: {
  team: Team | null;
  busy: boolean;
  onSave: (names: Names) => Promise<void>;
  onRetire?: (retired: boolean) => Promise<void>;
  onUp?: (() => void) | null;
  onDown?: (() => void) | null;
}) {
  const { t } = useTranslation();
  const { team } = props;
  const [names, setNames] = useState<Names>({
    code: team?.code ?? '',
    nameZh: team?.nameZh ?? '',
    nameEn: team?.nameEn ?? '',
  });
  const input = (key: keyof Names) => (
    <td>
      <input
        value={names[key]}
        onChange={(e) => setNames({ ...names, [key]: e.target.value })}
        aria-label={t(`setup.${key === 'code' ? 'code' : key}`)}
        data-testid={`team-${team?.code ?? 'new'}-${key}`}
      />
    </td>
  );
  return (
    <tr className={team?.retiredAt ? 'retired' : ''}>
      {input('code')}
      {input('nameZh')}
      {input('nameEn')}
      <td className="actions">
        <button
          type="button"
          disabled={props.busy}
          onClick={() => void props.onSave(names)}
          data-testid={`team-${team?.code ?? 'new'}-save`}
        >
          {team ? t('setup.save') : t('calendar.add')}
        </button>
        {props.onUp && (
          <button type="button" onClick={props.onUp} aria-label="up">
            ↑
          </button>
        )}
        {props.onDown && (
          <button type="button" onClick={props.onDown} aria-label="down">
            ↓
          </button>
        )}
        {team && props.onRetire && (
          <button
            type="button"
            onClick={() => void props.onRetire!(!team.retiredAt)}
            data-testid={`team-${team.code}-retire`}
          >
            {team.retiredAt ? t('setup.restore') : t('setup.retire')}
          </button>
        )}
      </td>
    </tr>
  );
}
