import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from './hooks';
import type { Person } from './types';

/**
 * Pick civil servants by name (never by id): type two letters or more, choose from the list of my
 * agency's people (or of the body above it, `agency`), remove a choice with its button. One person
 * (`multiple` false: a new choice replaces the old) or several. The text input carries `id`, so an
 * error summary's link and the server's field error land on it.
 */
export function PersonPicker({
  id,
  label,
  hint,
  error,
  agency,
  multiple = false,
  value,
  onChange,
  exclude = [],
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  agency?: string;
  multiple?: boolean;
  value: Person[];
  onChange: (v: Person[]) => void;
  /** People already chosen elsewhere in the form (not offered again). */
  exclude?: string[];
}) {
  const { t } = useTranslation('meetings');
  const [q, setQ] = useState('');
  const people = usePeople(q, agency);
  const chosen = new Set([...value.map((p) => p.id), ...exclude]);
  const offered = q.trim().length >= 2 ? (people.data?.items ?? []).filter((p) => !chosen.has(p.id)) : [];
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const pick = (p: Person) => {
    onChange(multiple ? [...value, p] : [p]);
    setQ('');
  };
  return (
    <div className={`field person-picker${error ? ' field--error' : ''}`} data-picker={id}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <span className="hint" id={`${id}-hint`}>
        {hint ?? t('picker.hint')}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Lỗi / Error: </span>
          {error}
        </span>
      )}
      {value.length > 0 && (
        <ul className="chips" aria-label={t('picker.chosen', { label })}>
          {value.map((p) => (
            <li key={p.id} className="chip">
              <span>
                {p.fullName}
                {p.agencyName && <span className="muted small"> · {p.agencyName}</span>}
              </span>
              <button
                type="button"
                className="btn btn--link chip__remove"
                aria-label={t('picker.remove', { name: p.fullName })}
                onClick={() => onChange(value.filter((x) => x.id !== p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {
        <input
          id={id}
          type="search"
          className={`input${error ? ' input--error' : ''}`}
          autoComplete="off"
          value={q}
          placeholder={t('picker.placeholder')}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setQ(e.target.value)}
        />
      }
      {q.trim().length >= 2 && (
        <ul className="picker-results" aria-label={t('picker.results')}>
          {offered.map((p) => (
            <li key={p.id}>
              <button type="button" className="picker-option" onClick={() => pick(p)}>
                <strong>{p.fullName}</strong>
                {p.agencyName && <span className="muted small"> · {p.agencyName}</span>}
              </button>
            </li>
          ))}
          {people.isSuccess && offered.length === 0 && <li className="muted small">{t('picker.none')}</li>}
        </ul>
      )}
    </div>
  );
}
