// A table in the app's grid style under its row of headings, given as message keys ('' for a
// column without one).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Grid(props: { headings: string[]; testId?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="grid" data-testid={props.testId}>
      <thead>
        <tr>
          {props.headings.map((key, i) => (
            <th key={i}>{key ? t(key) : null}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
