import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The filters and page of a list page, kept in the address (`?q=…&page=2`) so that a filtered list can
 * be linked to, reloaded and returned to. `values` are the applied filters ('' when absent), `draft`
 * what the filter form shows until it is submitted.
 */
export function useListParams<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as K[];
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? defaults[k]])) as Record<K, string>;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  // Only the fields the form has changed: the others follow the address (a tab link, the back button).
  const [edits, setEdits] = useState<Partial<Record<K, string>>>({});
  const draft = { ...values, ...edits };

  /** Apply filters (a new search starts at page 1); values equal to the default stay out of the address (an
   * empty one that is not the default stays in, as `?state=`: "all" where the list starts filtered). */
  const apply = (next: Partial<Record<K, string>>) => {
    const merged = { ...values, ...next };
    const q = new URLSearchParams();
    for (const k of keys) {
      const v = merged[k].trim();
      if (v !== defaults[k]) q.set(k, v);
    }
    setEdits({});
    setParams(q);
  };
  const setPage = (p: number) => {
    const q = new URLSearchParams(params);
    q.set('page', String(p));
    setParams(q);
  };
  /** Set one field of the form (not applied until the form is submitted). */
  const set = (k: K, v: string) => setEdits((d) => ({ ...d, [k]: v }));
  /** Props of a filter field bound to the form. */
  const field = (k: K) => ({ value: draft[k], onChange: (e: { target: { value: string } }) => set(k, e.target.value) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  return { values, page, draft, set, field, apply, submit, setPage };
}

/** The value if it is one of `allowed`, else undefined: a filter from the address, typed for the API. */
export function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** '' → undefined, for optional query parameters. */
export function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}
