// The supervisor's acceptance of a panel's hold points (监理验收): each point the project requires,
// its decisions so far (a rejection stays, with its remark), who decided and when; a supervisor
// signs or rejects here once the point's stage is recorded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HOLD_POINT_STAGES,
  HOLD_POINTS,
  latestDecisions,
  type Decision,
  type HoldPoint,
} from '../../../../main/domain/acceptances';
import type { PanelDetail } from '../../../../main/domain/panel';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { fieldErrors } from '../../shared/field-errors';
import { useTask } from '../../shared/use-task';
import { when } from '../../shared/when';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field } from '../../shared/Field';
import { Action } from '../../shared/Action';

export function Acceptances({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const [info] = useRead('app:info', {});
  const role = info.status === 'ok' ? info.value.user.role : null;
  const points = HOLD_POINTS.filter(
    (p) => panel.requiredSignatures.includes(p) || panel.acceptances.some((a) => a.point === p),
  );
  if (!points.length) return null;
  const latest = latestDecisions(panel.acceptances);
  const recorded = new Set(panel.events.map((e) => e.stage));
  return (
    <section data-testid="acceptances">
      <h3>{t('acceptances.title')}</h3>
      <ul className="acceptances">
        {points.map((point) => (
          <li key={point} data-testid={`acceptance-${point}`}>
            <strong>{t(`acceptances.points.${point}`)}</strong>
            {' · '}
            <span data-testid={`acceptance-${point}-state`}>
              {latest[point]
                ? t(`acceptances.decisions.${latest[point]}`)
                : t('acceptances.pending')}
            </span>
            <ol className="attempts">
              {panel.acceptances
                .filter((a) => a.point === point)
                .map((a) => (
                  <li key={a.id} className={a.decision === 'rejected' ? 'flag' : undefined}>
                    {t('acceptances.attempt', { attempt: a.attempt })} ·{' '}
                    {t(`acceptances.decisions.${a.decision}`)} ·{' '}
                    {t('acceptances.by', { name: a.signerName, at: when(a.signedAt) })}
                    {a.remark ? ` — ${a.remark}` : ''}
                  </li>
                ))}
            </ol>
            {(role === 'supervisor' || role === 'owner') &&
              latest[point] !== 'signed' &&
              recorded.has(HOLD_POINT_STAGES[point].after) && (
                <DecideForm panelId={panel.id} point={point} />
              )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Sign, or reject with a remark (kept as typed if the save is refused). */
function DecideForm({ panelId, point }: { panelId: string; point: HoldPoint }) {
  const { t } = useTranslation();
  const [remark, setRemark] = useState('');
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const decide = async (decision: Decision) => {
    const saved = await run(() =>
      call('acceptances:decide', { panelId, point, decision, remark: remark.trim() || null }),
    );
    if (saved !== null) setRemark('');
  };
  return (
    <div className="form-row decide">
      <Field label={t('acceptances.remark')} error={invalid.remark} wide>
        <input
          value={remark}
          onChange={(e) => setRemark(e.target.value)}
          data-testid={`acceptance-${point}-remark`}
        />
      </Field>
      <Action
        primary
        busy={busy}
        onClick={() => decide('signed')}
        testId={`acceptance-${point}-sign`}
      >
        {t('acceptances.sign')}
      </Action>
      <Action busy={busy} onClick={() => decide('rejected')} testId={`acceptance-${point}-reject`}>
        {t('acceptances.reject')}
      </Action>
      {error !== null && !invalid.remark && <ErrorPanel error={error} />}
    </div>
  );
}
