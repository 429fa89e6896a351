import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A field's hint and error, under its label or legend, with the ids `describedBy` names. */
function FieldNotes({ id, hint, error }: Omit<FieldBase, 'label'>) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Lỗi / Error: </span>
          {error}
        </span>
      )}
    </>
  );
}

function FieldShell({ id, label, hint, error, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** What every control of a field carries: its id and name, and its hint and error wired through ARIA. */
function controlProps(id: string, name: string | undefined, hint?: ReactNode, error?: string) {
  return {
    id,
    name: name ?? id,
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': error ? true : undefined,
  };
}

/** A labelled input with its hint and error wired through aria-describedby. */
export function TextField({
  id,
  label,
  hint,
  error,
  className,
  ...input
}: FieldBase & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        {...controlProps(id, input.name, hint, error)}
        className={`input${error ? ' input--error' : ''}${className ? ` ${className}` : ''}`}
        {...input}
      />
    </FieldShell>
  );
}

/** A labelled file input (the browser's own look, or `className`), with its hint and error. */
export function FileField({ id, label, hint, error, ...input }: FieldBase & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input {...controlProps(id, input.name, hint, error)} type="file" {...input} />
    </FieldShell>
  );
}

/** A labelled select: an option worth '' first if `blank` ("all", "choose …"), then `choices`, then the children. */
export function SelectField({
  id,
  label,
  hint,
  error,
  blank,
  choices,
  children,
  ...select
}: FieldBase &
  SelectHTMLAttributes<HTMLSelectElement> & {
    blank?: ReactNode;
    choices?: readonly Choice<string>[];
  }) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select {...controlProps(id, select.name, hint, error)} className="select" {...select}>
        {blank !== undefined && <option value="">{blank}</option>}
        {choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...area
}: FieldBase & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea {...controlProps(id, area.name, hint, error)} className="textarea" rows={3} {...area} />
    </FieldShell>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
}

/** Radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  type,
  choices,
  value,
  onChange,
  className = 'choices',
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  type: 'radio' | 'checkbox';
  choices: readonly Choice<V>[];
  value: V | readonly V[] | undefined;
  onChange: (v: V[]) => void;
  className?: string;
}) {
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <fieldset
      id={id}
      className={error ? 'field field--error' : 'field'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="label">{legend}</legend>
      <FieldNotes id={id} hint={hint} error={error} />
      <div className={className}>
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input
              type={type}
              name={id}
              value={c.value}
              checked={selected.includes(c.value)}
              onChange={(e) => {
                if (type === 'radio') onChange([c.value]);
                else onChange(e.target.checked ? [...selected, c.value] : selected.filter((v) => v !== c.value));
              }}
            />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
