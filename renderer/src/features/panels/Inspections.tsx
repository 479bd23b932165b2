// A panel's tests as records (issue 28): every attempt of the trench's acceptance, the slurry and
// the concrete's slump, failed ones kept and marked in words beside the one that passed; a re-test
// recorded here once the latest failed; and the corrections of each record (who, when, old, new,
// why), made here with a reason, or a record withdrawn with one.
import { useTranslation } from 'react-i18next';
import {
  INSPECTION_KINDS,
  INSPECTIONS,
  type Correction,
  type InspectionAttempt,
  type InspectionField,
} from '../../../../main/domain/inspections';
import type { PanelDetail } from '../../../../main/domain/panel';
import { when } from '../../shared/when';
import { CorrectRecord, TestForm } from './RecordForms';

export function Inspections({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const recorded = new Set(panel.events.map((e) => e.stage));
  const kinds = INSPECTION_KINDS.filter(
    (k) => recorded.has(INSPECTIONS[k].after) || panel.inspections.some((a) => a.kind === k),
  );
  if (!kinds.length) return null;
  return (
    <section data-testid="inspections">
      <h3>{t('inspections.title')}</h3>
      {kinds.map((kind) => {
        const attempts = panel.inspections.filter((a) => a.kind === kind);
        const latest = attempts[attempts.length - 1];
        return (
          <div key={kind} className="inspection" data-testid={`inspection-${kind}`}>
            <strong>{t(`inspections.kinds.${kind}`)}</strong>
            {attempts.length === 0 && <span className="muted"> · {t('inspections.none')}</span>}
            <ol className="attempts">
              {attempts.map((a) => (
                <Attempt
                  key={a.id}
                  attempt={a}
                  latest={a === latest}
                  corrections={panel.corrections.filter((c) => c.recordId === a.id)}
                />
              ))}
            </ol>
            {!latest?.pass && recorded.has(INSPECTIONS[kind].after) && (
              <TestForm panel={panel} kind={kind} first={!latest} />
            )}
          </div>
        );
      })}
    </section>
  );
}

/** One attempt: its number, when, who, values and result in words, and its corrections. */
function Attempt(props: {
  attempt: InspectionAttempt;
  latest: boolean;
  corrections: Correction[];
}) {
  const { t } = useTranslation();
  const a = props.attempt;
  return (
    <li
      className={a.pass ? undefined : 'flag'}
      data-testid={`attempt-${a.kind}-${a.attempt}`}
      data-pass={a.pass}
    >
      {t('inspections.attempt', { attempt: a.attempt })} · {a.siteDay} · {t(`shifts.${a.shift}`)}
      {a.recordedByName ? ` · ${a.recordedByName}` : ''} ·{' '}
      <strong>{a.pass ? t('inspections.pass') : t('inspections.fail')}</strong>
      <span className="muted">
        {' '}
        {(Object.keys(a.values) as InspectionField[])
          .map((f) => `${t(`measurements.${f}`)} ${a.values[f]}`)
          .join(' · ')}
      </span>
      {a.failures.length > 0 && (
        <div className="note">
          {t('inspections.outside')}:{' '}
          {a.failures
            .map((f) =>
              t('inspections.failure', {
                field: t(`measurements.${f.field}`),
                value: f.value,
                limit: f.limit,
              }),
            )
            .join('；')}
        </div>
      )}
      {a.notes && <p className="note">{a.notes}</p>}
      <CorrectionList corrections={props.corrections} />
      <CorrectRecord
        recordTable={a.source === 'stage' ? 'panel_stage_events' : 'inspections'}
        recordId={a.id}
        fields={INSPECTIONS[a.kind].fields}
        values={a.values}
        notes={a.notes}
        // A stage record is withdrawn from the timeline, as the stage it is.
        canWithdraw={props.latest && a.source === 'inspection'}
        testId={`attempt-${a.kind}-${a.attempt}`}
      />
    </li>
  );
}

/** What each correction of a record changed, by whom, when and why. */
export function CorrectionList({ corrections }: { corrections: Correction[] }) {
  const { t } = useTranslation();
  if (!corrections.length) return null;
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const field = (f: string) => (f === 'notes' ? t('today.notes') : t(`measurements.${f}`));
  return (
    <ul className="corrections" data-testid="corrections">
      {corrections.map((c) => {
        const changes = Object.entries(c.changes)
          .map(([f, [from, to]]) =>
            c.action === 'withdrawn'
              ? `${field(f)} ${shown(from)}`
              : `${field(f)} ${shown(from)} → ${shown(to)}`,
          )
          .join(', ');
        const params = { name: c.correctorName, at: when(c.correctedAt), changes };
        return (
          <li key={c.id} data-testid="correction">
            {t('inspections.version', { version: c.version })} ·{' '}
            {t(`inspections.${c.action}`, params)} — {c.reason}
          </li>
        );
      })}
    </ul>
  );
}
