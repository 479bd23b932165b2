// A project's register in Settings (its teams, its machines): a row a member, corrected in place
// and saved, retired (it keeps its history) and brought back, optionally moved up and down; a
// blank row at the end adds one, and is blank again once it is added. A row's edits are its own
// until saved: a save of another row, or a refusal, never blanks them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from './ErrorPanel';
import { useTask } from './use-task';
import { Choice } from './Choice';
import { Action } from './Action';

interface RegisterMember {
  id: string;
  code: string;
  retiredAt: string | null;
}

/** One column: a text typed (its longest), a choice among values, or a yes/no. */
type RegisterColumn<Draft> = { key: keyof Draft & string; label: string } & (
  | { type: 'text'; maxLength: number }
  | { type: 'choice'; options: readonly string[]; labels: string }
  | { type: 'check' }
);

interface RegisterProps<Member extends RegisterMember, Draft> {
  testId: string;
  title: string;
  members: Member[];
  columns: RegisterColumn<Draft>[];
  draftOf: (member: Member | null) => Draft;
  /** A part of a row (`code`, `save`, `retire`…) by the member's code, or `new` for the blank row. */
  partId: (row: string, part: string) => string;
  addLabel: string;
  /** What retiring a member is called here (a team is 停用, a machine 退场), and bringing it back. */
  retireLabel: (member: Member) => string;
  save: (member: Member | null, draft: Draft) => Promise<unknown>;
  retire: (member: Member, retired: boolean) => Promise<unknown>;
  /** The members' ids in a new order; without it, rows do not move. */
  reorder?: (ids: string[]) => Promise<unknown>;
}

export function RegisterEditor<Member extends RegisterMember, Draft extends object>(
  props: RegisterProps<Member, Draft>,
) {
  const { t } = useTranslation();
  const { busy, error, run } = useTask();
  // The blank row starts blank again after each member it adds.
  const [added, setAdded] = useState(0);
  const { members, reorder } = props;
  const move = (i: number, by: number) => {
    const ids = members.map((m) => m.id);
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    return run(() => reorder!(ids));
  };
  const row = (member: Member | null, i: number) => (
    <RegisterRow
      key={member?.id ?? `new-${added}`}
      {...props}
      member={member}
      busy={busy}
      onSave={async (draft) => {
        const saved = await run(() => props.save(member, draft));
        if (saved !== null && !member) setAdded((n) => n + 1);
      }}
      onRetire={member ? () => run(() => props.retire(member, !member.retiredAt)) : null}
      moves={
        member && reorder
          ? [
              i > 0 ? () => void move(i, -1) : null,
              i < members.length - 1 ? () => void move(i, 1) : null,
            ]
          : null
      }
      saveLabel={member ? t('setup.save') : props.addLabel}
    />
  );
  return (
    <div className="card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <table className="grid register">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map(row)}
          {row(null, members.length)}
        </tbody>
      </table>
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}

function RegisterRow<Member extends RegisterMember, Draft extends object>(
  props: RegisterProps<Member, Draft> & {
    member: Member | null;
    busy: boolean;
    onSave: (draft: Draft) => Promise<void>;
    onRetire: (() => Promise<unknown>) | null;
    moves: [(() => void) | null, (() => void) | null] | null;
    saveLabel: string;
  },
) {
  const { t } = useTranslation();
  const { member, columns, partId } = props;
  const saved = props.draftOf(member);
  const [draft, setDraft] = useState(saved);
  // What was saved last, here or on another laptop: a row nobody is editing shows it; a row being
  // edited keeps what is typed.
  const [seen, setSeen] = useState(saved);
  const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(saved, seen)) {
    setSeen(saved);
    if (same(draft, seen)) setDraft(saved);
  }
  const changed = !same(draft, saved);
  const row = member?.code ?? 'new';
  const values = draft as Record<string, unknown>;
  const [up, down] = props.moves ?? [null, null];
  return (
    <tr className={member?.retiredAt ? 'retired' : ''} data-testid={partId(row, 'row')}>
      {columns.map((column) => (
        <td key={column.key}>
          <RegisterCell
            column={column}
            value={values[column.key]}
            onChange={(value) => setDraft((d) => ({ ...d, [column.key]: value }))}
            testId={partId(row, column.key)}
          />
        </td>
      ))}
      <td className="actions">
        {(changed || !member) && (
          <Action
            busy={props.busy}
            onClick={() => props.onSave(draft)}
            testId={partId(row, 'save')}
          >
            {props.saveLabel}
          </Action>
        )}
        {up && (
          <button type="button" onClick={up} aria-label={t('setup.moveUp')}>
            ↑
          </button>
        )}
        {down && (
          <button type="button" onClick={down} aria-label={t('setup.moveDown')}>
            ↓
          </button>
        )}
        {member && props.onRetire && (
          <button
            type="button"
            className="link"
            disabled={props.busy}
            onClick={() => void props.onRetire!()}
            data-testid={partId(row, 'retire')}
          >
            {props.retireLabel(member)}
          </button>
        )}
      </td>
    </tr>
  );
}

function RegisterCell<Draft>({
  column,
  value,
  onChange,
  testId,
}: {
  column: RegisterColumn<Draft>;
  value: unknown;
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const common = { 'aria-label': column.label, 'data-testid': testId };
  if (column.type === 'check')
    return (
      <input
        type="checkbox"
        checked={Boolean(value)}
        onChange={(e) => onChange(e.target.checked)}
        {...common}
      />
    );
  if (column.type === 'choice')
    return (
      <Choice
        value={String(value)}
        options={column.options}
        labels={column.labels}
        onChange={onChange}
        ariaLabel={column.label}
        testId={testId}
      />
    );
  return (
    <input
      value={String(value ?? '')}
      maxLength={column.maxLength}
      onChange={(e) => onChange(e.target.value)}
      {...common}
    />
  );
}
