import { useState } from 'react';

/** One step's busy flag and error: runs a save, shows why it was refused, changes nothing else. */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T>(save: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await save();
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A number typed in a form; blank or malformed is NaN, which the schema refuses by name. */
export const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
