// A form's unsaved edits, field by field, apart from what is saved (issue 27). A field shows its
// draft while there is one, else the saved value, so a save elsewhere, a pull or a refresh never
// blanks or reverts what the person typed, and a field they did not touch shows the newest value.
// Drafts are kept in the window's storage per form (project, day, shift, form), so a reload or a
// crash of the window loses nothing. A draft typed over a value that has changed underneath (on
// another laptop) is shown beside the newer value until the person chooses.
import { useCallback, useEffect, useState } from 'react';

/** What the person typed, and the saved value they typed it over. */
export interface DraftField {
  value: string;
  base: string;
}
export type Drafts = Record<string, DraftField>;

export interface DraftConflict {
  field: string;
  /** The value saved underneath since the draft began. */
  theirs: string;
  mine: string;
}

const PREFIX = 'haitai.draft.';
/** A draft kept longer than this is dropped when its form is next opened. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

const isField = (v: unknown): v is DraftField =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DraftField).value === 'string' &&
  typeof (v as DraftField).base === 'string';

/** The drafts kept for a form; nothing (never an error) when there are none or they are unreadable. */
export function loadDrafts(key: string): Drafts {
  try {
    const text = window.localStorage.getItem(PREFIX + key);
    if (!text) return {};
    const parsed = JSON.parse(text) as { at?: unknown; fields?: unknown };
    if (typeof parsed.at !== 'number' || Date.now() - parsed.at > KEEP_MS) return {};
    const fields = parsed.fields;
    if (typeof fields !== 'object' || fields === null) return {};
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => isField(v))) as Drafts;
  } catch {
    return {};
  }
}

function storeDrafts(key: string, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) window.localStorage.removeItem(PREFIX + key);
    else
      window.localStorage.setItem(PREFIX + key, JSON.stringify({ at: Date.now(), fields: drafts }));
  } catch {
    // Storage full or refused: the draft still lives in the form while it is open.
  }
}

/** The key of a form's drafts: the project, the day, the shift (or '-') and the form's name. */
export const draftKey = (projectId: string, siteDay: string, shift: string | null, form: string) =>
  [projectId, siteDay, shift ?? '-', form].join('|');

export interface FieldDrafts {
  /** What the field shows: the draft, else the saved value. */
  value(field: string): string;
  set(field: string, value: string): void;
  /** The fields whose draft differs from what is saved, with what was typed. */
  changed(): Record<string, string>;
  /** Drafts over a value that changed underneath, until the person chooses. */
  conflicts: DraftConflict[];
  /** Keeps the draft over the newer value (a save then overwrites it knowingly). */
  keepMine(field: string): void;
  /** Drops the draft: the field shows the newer value. */
  takeTheirs(field: string): void;
  /** After a save that sent `sent`: drafts holding exactly what was sent are done. */
  saved(sent: Record<string, string>): void;
  /** When this form last saved, while it is open. */
  savedAt: Date | null;
}

/** A form's drafts over `saved` (every field's saved value as the form shows it, as text). */
export function useFieldDrafts(key: string, saved: Record<string, string>): FieldDrafts {
  const [state, setState] = useState(() => ({
    key,
    drafts: loadDrafts(key),
    savedAt: null as Date | null,
  }));
  // Another day or shift: that form's own drafts (adjusted while rendering, not after).
  let current = state;
  if (state.key !== key) {
    current = { key, drafts: loadDrafts(key), savedAt: null };
    setState(current);
  }
  const { drafts } = current;
  useEffect(() => storeDrafts(current.key, drafts), [current.key, drafts]);

  const update = useCallback(
    (fn: (d: Drafts) => Drafts, savedAt?: Date) =>
      setState((s) => ({ ...s, drafts: fn(s.drafts), savedAt: savedAt ?? s.savedAt })),
    [],
  );
  const savedOf = (field: string) => saved[field] ?? '';
  const live = (field: string) => {
    const d = drafts[field];
    return d !== undefined && d.value !== savedOf(field) ? d : undefined;
  };
  // A draft that now equals what is saved (saved here, or the same value saved elsewhere) is
  // done: dropped at once (while rendering), so it cannot come back as a conflict later.
  const done = Object.keys(drafts).filter((f) => !live(f));
  if (done.length) {
    const next = { ...drafts };
    for (const f of done) delete next[f];
    setState({ ...current, drafts: next });
  }
  const conflicts: DraftConflict[] = [];
  for (const [field, d] of Object.entries(drafts)) {
    const theirs = savedOf(field);
    if (live(field) && theirs !== d.base) conflicts.push({ field, theirs, mine: d.value });
  }
  return {
    value: (field) => drafts[field]?.value ?? savedOf(field),
    set: (field, value) =>
      update((d) => {
        const base = d[field]?.base ?? savedOf(field);
        const next = { ...d };
        // Typed back to what is saved: nothing left to keep.
        if (value === savedOf(field) && base === savedOf(field)) delete next[field];
        else next[field] = { value, base };
        return next;
      }),
    changed: () =>
      Object.fromEntries(
        Object.keys(drafts).flatMap((f) => (live(f) ? [[f, drafts[f]!.value]] : [])),
      ),
    conflicts,
    keepMine: (field) =>
      update((d) => (d[field] ? { ...d, [field]: { ...d[field]!, base: savedOf(field) } } : d)),
    takeTheirs: (field) =>
      update((d) => {
        const next = { ...d };
        delete next[field];
        return next;
      }),
    saved: (sent) =>
      update(
        (d) => {
          const next: Drafts = {};
          for (const [field, draft] of Object.entries(d)) {
            if (!(field in sent)) next[field] = draft;
            // Typed on while it saved: the new text stays, over what was just saved.
            else if (draft.value !== sent[field])
              next[field] = { value: draft.value, base: sent[field]! };
          }
          return next;
        },
        Object.keys(sent).length ? new Date() : undefined,
      ),
    savedAt: current.savedAt,
  };
}

/** What a form's save did: the fields that went (saved), and the refusal that stopped it. */
export interface SaveOutcome<E> {
  failed: E | null;
  done: Record<string, string>;
}

/**
 * A form's save over its drafts: one at a time, not while a draft waits for the person to choose
 * between it and a newer value; what went is saved even when a later part is refused.
 */
export function useDraftSave<E>(
  drafts: FieldDrafts,
  save: (changed: Record<string, string>) => Promise<SaveOutcome<E>>,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E | null>(null);
  const blocked = busy || drafts.conflicts.length > 0;
  const submit = async (e?: { preventDefault(): void }) => {
    e?.preventDefault();
    if (blocked) return;
    setBusy(true);
    setError(null);
    try {
      const { failed, done } = await save(drafts.changed());
      setError(failed);
      drafts.saved(done);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, blocked, submit };
}
