// A long step the user started (reading a file, importing it): its label while it runs, and its
// error when it fails. One step at a time; a new one clears the last error.
import { useState } from 'react';

export function useStep() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (label: string, step: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}
