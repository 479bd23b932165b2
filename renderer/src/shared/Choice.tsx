// A choice among fixed values (a panel's type, a stage, a unit), each shown in the user's
// language: by its message under a prefix (`stages` shows `stages.<value>`) or as a function
// says; or among records (a team, a structure), each with its label. An optional first entry
// stands for none or all.
import { useTranslation } from 'react-i18next';
import { Field } from './Field';

type ChoiceProps<V extends string, Blank extends string> = (
  | { options: readonly V[]; labels: string | ((value: V) => string) }
  | { items: readonly { value: V; label: string }[] }
) & {
  value: V | Blank;
  onChange: (value: V | Blank) => void;
  blank?: { value: Blank; label: string };
  testId?: string;
  ariaLabel?: string;
};

export function Choice<V extends string, Blank extends string = never>(
  props: ChoiceProps<V, Blank>,
) {
  const { t } = useTranslation();
  const items =
    'items' in props
      ? props.items
      : props.options.map((value) => {
          const { labels } = props;
          const label =
            typeof labels === 'string' ? t(`${labels}.${value as string}`) : labels(value);
          return { value, label };
        });
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as V | Blank)}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
    >
      {props.blank && <option value={props.blank.value}>{props.blank.label}</option>}
      {items.map((item) => (
        <option key={item.value} value={item.value}>
          {item.label}
        </option>
      ))}
    </select>
  );
}

/** A choice in a form, under its label, with its error beside it. */
export function ChoiceField<V extends string, Blank extends string = never>({
  label,
  error,
  ...choice
}: ChoiceProps<V, Blank> & { label: string; error?: string | undefined }) {
  return (
    <Field label={label} error={error}>
      <Choice {...(choice as ChoiceProps<V, Blank>)} />
    </Field>
  );
}
