// What the person started and waits on (a save, a file read, an export): whether it runs, with
// its label, and why it was refused. One at a time; a new one clears the last error. A refusal is
// shown, never thrown: `run` answers null and the form keeps what was typed.
import { useState } from 'react';

export function useTask<Label extends string = string>() {
  const [running, setRunning] = useState<Label | '' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async <T>(task: () => Promise<T>, label?: Label): Promise<T | null> => {
    setRunning(label ?? '');
    setError(null);
    try {
      return await task();
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setRunning(null);
    }
  };
  return {
    busy: running !== null,
    /** The label of what runs, if it was given one. */
    label: running || null,
    error,
    /** For a refusal that came another way (a confirmation's action, a child's callback). */
    setError,
    run,
  };
}
