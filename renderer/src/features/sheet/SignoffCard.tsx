// Sign-off of the day's sheet: its status, the revision shown, submit and approve.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SheetState } from '../../../../main/domain/daily-sheet';
import { call } from '../../api';
import { useRead } from '../../data/use-read';
import { when } from '../../shared/when';
import { Action } from '../../shared/Action';

function statusText(t: TFunction, s: SheetState): string {
  const latest = s.revisions[s.revisions.length - 1];
  if (!latest) return t('reports.status.none');
  if (latest.status === 'submitted')
    return t('reports.status.submitted', { revision: latest.revision, by: latest.submittedBy });
  if (s.changed) return t('reports.status.changed', { revision: latest.revision + 1 });
  return t('reports.status.approved', {
    revision: latest.revision,
    by: latest.approvedBy ?? '',
    at: when(latest.approvedAt),
  });
}

export function SignoffCard({
  projectId,
  siteDay,
  shown,
  onShow,
  onError,
}: {
  projectId: string;
  siteDay: string;
  /** The revision whose stored sheet is shown, or null for the day as it stands. */
  shown: number | null;
  onShow: (revision: number | null) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [state] = useRead('sheet:state', { projectId, siteDay }, { keepWhileReloading: true });
  const signoff = async (channel: 'sheet:submit' | 'sheet:approve') => {
    onError(null);
    try {
      await call(channel, { projectId, siteDay });
    } catch (err) {
      onError(err);
    }
  };
  if (state.status !== 'ok') return null;
  return (
    <div className="card signoff" data-testid="signoff">
      <p data-testid="signoff-status">{statusText(t, state.value)}</p>
      <div className="form-actions">
        <select
          value={shown ?? ''}
          onChange={(e) => onShow(e.target.value ? Number(e.target.value) : null)}
          data-testid="sheet-revision"
        >
          <option value="">{t('reports.current')}</option>
          {state.value.revisions.map((r) => (
            <option key={r.id} value={r.revision}>
              {t('reports.revision', { revision: r.revision })} ·{' '}
              {r.status === 'approved' ? '✓' : '…'}
            </option>
          ))}
        </select>
        <Action onClick={() => signoff('sheet:submit')} testId="sheet-submit">
          {t('reports.submit')}
        </Action>
        <button
          type="button"
          onClick={() => void signoff('sheet:approve')}
          disabled={!state.value.revisions.some((r) => r.status === 'submitted')}
          data-testid="sheet-approve"
        >
          {t('reports.approve')}
        </button>
      </div>
    </div>
  );
}
