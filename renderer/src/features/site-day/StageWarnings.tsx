// Warn before refusing (issue 27): while a stage's measurements are typed, what is outside the
// project's limits is shown in amber with its limit. The person may save anyway with a reason,
// which goes into the record's notes, so the supervisor reads it beside the values.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryWarnings, type EntryWarning } from '../../../../main/domain/entry-warnings';
import type { PanelSummary } from '../../../../main/domain/panel';
import type { ProjectSettings } from '../../../../main/domain/settings';
import type { Measurements } from '../../../../main/domain/stages';

export function useStageWarnings(
  panel: PanelSummary | null,
  measured: Measurements,
  settings: ProjectSettings,
) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const warnings = panel
    ? entryWarnings(measured, {
        slurry: settings.slurryLimits,
        limits: settings.entryLimits,
        theoreticalM3: panel.theoreticalVolumeM3,
      })
    : [];
  const say = (w: EntryWarning) => t(w.key, { ...w.params, field: t(`measurements.${w.field}`) });
  return {
    warnings,
    say,
    reason,
    setReason,
    /** Out of limits and no reason yet: not saved. */
    blocked: warnings.length > 0 && reason.trim() === '',
    /** What goes into the notes: the values accepted out of limits, and why. */
    note: () =>
      warnings.length
        ? `${t('warnings.accepted')}: ${warnings.map(say).join('; ')}. ${reason.trim()}`
        : null,
    reset: () => setReason(''),
  };
}

export function StageWarnings({ check }: { check: ReturnType<typeof useStageWarnings> }) {
  const { t } = useTranslation();
  if (!check.warnings.length) return null;
  return (
    <div className="entry-warning" role="alert" data-testid="stage-warnings">
      <strong>{t('warnings.title')}</strong>
      <ul>
        {check.warnings.map((w) => (
          <li key={w.field} data-field={w.field}>
            {check.say(w)}
          </li>
        ))}
      </ul>
      <label>
        {t('warnings.reason')}{' '}
        <input
          value={check.reason}
          maxLength={500}
          onChange={(e) => check.setReason(e.target.value)}
          data-testid="stage-warning-reason"
        />
      </label>
      {check.blocked && <p className="muted">{t('warnings.needReason')}</p>}
    </div>
  );
}
