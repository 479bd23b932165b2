// Beside a form's save button: 已保存 / Saved with the time of this form's last save, or that there
// are edits not yet saved; and above it, each draft whose value was saved differently elsewhere
// while it was typed, with the newer value and the choice of which to keep.
import { format } from 'date-fns';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDrafts } from '../data/drafts';

export function DraftStatus({ drafts, testId }: { drafts: FieldDrafts; testId: string }) {
  const { t } = useTranslation();
  if (Object.keys(drafts.changed()).length > 0)
    return (
      <span className="muted" role="status" data-testid={`${testId}-status`} data-state="unsaved">
        {t('drafts.unsaved')}
      </span>
    );
  if (!drafts.savedAt) return null;
  return (
    <span className="saved" role="status" data-testid={`${testId}-status`} data-state="saved">
      ✓ {t('drafts.savedAt', { time: format(drafts.savedAt, 'HH:mm') })}
    </span>
  );
}

function DraftConflicts({
  drafts,
  label,
  testId,
}: {
  drafts: FieldDrafts;
  /** The field's name as the form labels it. */
  label: (field: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  if (drafts.conflicts.length === 0) return null;
  const shown = (text: string) => (text.trim() === '' ? t('drafts.blank') : text);
  return (
    <div className="draft-conflicts" role="alert" data-testid={`${testId}-conflicts`}>
      {drafts.conflicts.map((c) => (
        <p key={c.field} data-field={c.field}>
          {t('drafts.changedElsewhere', {
            field: label(c.field),
            theirs: shown(c.theirs),
            mine: shown(c.mine),
          })}{' '}
          <button type="button" className="link" onClick={() => drafts.keepMine(c.field)}>
            {t('drafts.keepMine')}
          </button>{' '}
          <button type="button" className="link" onClick={() => drafts.takeTheirs(c.field)}>
            {t('drafts.takeTheirs')}
          </button>
        </p>
      ))}
      <p className="muted">{t('drafts.resolveFirst')}</p>
    </div>
  );
}

/**
 * The end of a form that keeps drafts: the drafts changed elsewhere, what the form has to say
 * (its refusal), then its save button with 已保存 / Saved beside it.
 */
export function DraftFooter(props: {
  drafts: FieldDrafts;
  label: (field: string) => string;
  testId: string;
  saveLabel: string;
  blocked: boolean;
  children?: ReactNode;
}) {
  const { drafts, testId } = props;
  return (
    <>
      <DraftConflicts drafts={drafts} label={props.label} testId={testId} />
      {props.children}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={props.blocked}
          data-testid={`${testId}-save`}
        >
          {props.saveLabel}
        </button>
        <DraftStatus drafts={drafts} testId={testId} />
      </div>
    </>
  );
}
