import { useState } from 'react';
import { clientValidation, useFieldErrors } from './problem-view';

/** A problem the form found itself, reported like the server's (`clientValidation`). */
export interface FormProblem {
  path: string;
  code: string;
}

/** The keys of `T` that hold text (a text field's value). */
export type TextKey<T> = { [K in keyof T]-?: T[K] extends string | null | undefined ? K : never }[keyof T] & string;

/**
 * The state of a form: the values typed so far (`draft`) and the error to show, the form's own
 * checks (`check`) until they pass, then the server's (`serverError`, the mutation's). `field(k)`
 * binds a text field to its value (null as '') and to the message the error has for it.
 */
export function useFormDraft<T extends object>(initial: T, serverError?: unknown) {
  const [draft, setDraft] = useState(initial);
  const [localError, setError] = useState<unknown>(null);
  const error = localError ?? serverError ?? null;
  const fe = useFieldErrors(error);
  const set = (k: TextKey<T>) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  /** Value, change handler and message of a text field (`errorPath`: where the server names it, if not `k`). */
  const field = (k: TextKey<T>, errorPath: string = k) => ({
    value: (draft[k] as string | null | undefined) ?? '',
    onChange: set(k),
    error: fe[errorPath],
  });
  /** Shows the problems found (or clears them): true when there are none and the form may be sent. */
  const check = (problems: FormProblem[]) => {
    const v = clientValidation(problems);
    setError(v);
    return v === null;
  };
  return { draft, setDraft, set, field, error, fe, check, setError };
}

/** The `keys` of `values` left blank, as REQUIRED problems. */
export function blankFields<K extends string>(values: Record<K, string>, keys: readonly K[]): FormProblem[] {
  return keys.filter((k) => !values[k].trim()).map((path) => ({ path, code: 'REQUIRED' }));
}
