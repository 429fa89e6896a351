import { useState } from 'react';
import { clientValidation, useFieldErrors } from './problem-view';

/** A problem the form found itself, reported like the server's (`clientValidation`). */
export interface FormProblem {
  path: string;
  code: string;
}

/**
 * The state of a form of text fields: the values typed so far (`draft`) and the error to show, the
 * form's own checks (`check`) until they pass, then the server's (`serverError`, the mutation's).
 * `field(k)` binds a field to its value and to the message the error has for it.
 */
export function useFormDraft<T extends Record<string, string>>(initial: T, serverError?: unknown) {
  const [draft, setDraft] = useState(initial);
  const [localError, setError] = useState<unknown>(null);
  const error = localError ?? serverError ?? null;
  const fe = useFieldErrors(error);
  const set = (k: keyof T) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  /** Value, change handler and message of a field (`errorPath`: where the server names it, if not `k`). */
  const field = (k: keyof T & string, errorPath: string = k) => ({
    value: draft[k],
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
