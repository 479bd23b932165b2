// A card listing what a read answered: its failure with a retry in its place, nothing while it
// loads, an item a line.
import type { ReactNode } from 'react';
import type { ReadState } from '../data/use-read';
import { ErrorPanel } from './ErrorPanel';

export function ReadList<T>(props: {
  read: [ReadState<T[]>, () => void];
  title: string;
  testId: string;
  item: (value: T) => ReactNode;
}) {
  const [read, retry] = props.read;
  if (read.status === 'error') return <ErrorPanel error={read.error} onRetry={retry} />;
  if (read.status !== 'ok') return null;
  return (
    <div className="card">
      <h2>{props.title}</h2>
      <ul data-testid={props.testId}>{read.value.map(props.item)}</ul>
    </div>
  );
}
