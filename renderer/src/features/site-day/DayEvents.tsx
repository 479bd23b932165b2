import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelSummary } from '../../../../main/domain/panel';
import type { StageEvent } from '../../../../main/domain/stages';
import { call } from '../../api';
import { useConfirm } from '../../shared/Confirm';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { useTask } from '../../shared/use-task';

export function DayEvents({ events, panels }: { events: StageEvent[]; panels: PanelSummary[] }) {
  const { t } = useTranslation();
  const { error, setError, run } = useTask();
  const [undone, setUndone] = useState<string | null>(null);
  const [confirm, ask] = useConfirm();
  const byId = new Map(panels.map((p) => [p.id, p]));
  const undo = async (event: StageEvent) => {
    const what = { panel: byId.get(event.panelId)?.code ?? '?', stage: t(`stages.${event.stage}`) };
    setError(null);
    setUndone(null);
    if (!(await ask(t('confirm.undoStage', what), t('confirm.undo')))) return;
    if ((await run(() => call('stages:delete', { eventId: event.id }))) !== null)
      setUndone(t('confirm.undone', what));
  };
  const said = (
    <>
      {confirm}
      {undone && (
        <p className="saved" role="status" data-testid="undone">
          ✓ {undone}
        </p>
      )}
    </>
  );
  if (events.length === 0)
    return (
      <>
        <p className="muted">{t('today.noEvents')}</p>
        {said}
      </>
    );
  return (
    <>
      <ul className="events" data-testid="day-events">
        {events.map((event) => {
          const panel = byId.get(event.panelId);
          const latest = panel?.status === event.stage;
          return (
            <li key={event.id} data-testid="day-event">
              <span className="code">{panel?.code ?? '?'}</span> {t(`stages.${event.stage}`)}
              <span className="muted"> · {t(`shifts.${event.shift}`)}</span>
              {latest && (
                <button type="button" className="link" onClick={() => void undo(event)}>
                  {t('today.undo')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {said}
      {error !== null && <ErrorPanel error={error} />}
    </>
  );
}
