import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup, SelectField, TextAreaField, TextField } from '../ui';
import { AddressFields } from './address-fields';
import { RequiredMark } from './required-mark';
import { type FieldNode, fieldId, type FormModel, problemPath } from './schema-model';
import { formatVnd } from '../procedures/money';
import { emptyRecord, getAt, groupThousands, type PrefillValues, type RawRecord, type RawValue, setAt } from './values';

type Path = (string | number)[];

export interface SchemaFormProps {
  model: FormModel;
  values: RawRecord;
  onChange: (next: RawRecord) => void;
  /** Messages by problem path (`formData.child.fullName`). */
  errors?: Record<string, string>;
  /** The account facts used to prefill: fields filled from them say so. */
  prefill?: PrefillValues;
  /** Read-only rendering (the designer's preview still lets you type). */
  disabled?: boolean;
  /** Values read from a base registry by source (`population.fullName`): shown read-only with their source. */
  registry?: RegistryView;
  /**
   * The title the page's step heading already shows ("Bước 2/4: Thông tin người khai"): a top-level group with
   * that title keeps it as its fieldset's name for screen readers but does not print it a second time.
   */
  stepTitle?: string;
}

/** Registry values by source, how to name their source, and what "this is wrong" does. */
export interface RegistryView {
  values: Record<string, { value: string; registryName: string }>;
  sourceLabel: (registryName: string) => string;
  flagLabel: string;
  onFlag: (source: string, fieldTitle: string, registryName: string) => void;
}

export { RequiredMark };

/** The application form rendered from the procedure's JSON Schema. */
export function SchemaForm({
  model,
  values,
  onChange,
  errors = {},
  prefill = {},
  disabled,
  registry,
  stepTitle,
}: SchemaFormProps) {
  const set = (path: Path, v: RawValue) => onChange(setAt(values, path, v));
  return (
    <div className="schema-form" id="fd-form" tabIndex={-1}>
      {model.fields.map((f) => (
        <Field
          key={f.key}
          node={f}
          path={[f.key]}
          values={values}
          set={set}
          errors={errors}
          prefill={prefill}
          disabled={disabled}
          registry={registry}
          depth={0}
          legendHidden={stepTitle !== undefined && f.title === stepTitle}
        />
      ))}
    </div>
  );
}

interface FieldProps {
  node: FieldNode;
  path: Path;
  values: RawRecord;
  set: (path: Path, v: RawValue) => void;
  errors: Record<string, string>;
  prefill: PrefillValues;
  disabled?: boolean;
  registry?: RegistryView;
  depth: number;
  /** The step heading already says the group's title: the legend is for screen readers only. */
  legendHidden?: boolean;
}

/** A group's legend class: hidden from sight (not from screen readers) when the step heading says it already. */
export function legendClass(hidden: boolean | undefined): string {
  return hidden ? 'form-group__legend visually-hidden' : 'form-group__legend';
}

function Field(props: FieldProps) {
  const { t } = useTranslation('services');
  const { node: f, path, values, set, errors, prefill, disabled, depth, registry } = props;
  const id = fieldId(path);
  const error = errors[problemPath(path)];
  const v = getAt(values, path);
  const label: ReactNode = (
    <>
      {f.title}
      {f.required && <RequiredMark />}
    </>
  );
  const given = f.prefill ? prefill[f.prefill] : undefined;
  const prefilled =
    given !== undefined &&
    (v === given || (f.uppercase && typeof given === 'string' && v === given.toLocaleUpperCase('vi')));
  const hint = [f.help, prefilled ? t('form.prefilled') : ''].filter(Boolean).join(' ') || undefined;

  switch (f.kind) {
    case 'object':
      if (f.widget === 'address') return <AddressFields {...props} />;
      return (
        <fieldset
          id={id}
          tabIndex={-1}
          className={`form-group form-group--${Math.min(depth, 2)}${error ? ' field--error' : ''}`}
        >
          <legend className={legendClass(props.legendHidden)}>{label}</legend>
          {f.help && <p className="hint">{f.help}</p>}
          {error && <p className="field-error">{error}</p>}
          {(f.children ?? []).map((c) => (
            <Field key={c.key} {...props} node={c} path={[...path, c.key]} depth={depth + 1} legendHidden={false} />
          ))}
        </fieldset>
      );
    case 'array':
      return <ListField {...props} />;
    case 'boolean':
      return (
        <div className={`field${error ? ' field--error' : ''}`}>
          {error && (
            <span className="field-error" id={`${id}-error`}>
              {error}
            </span>
          )}
          <label className="choice" htmlFor={id}>
            <input
              id={id}
              type="checkbox"
              checked={v === true}
              disabled={disabled}
              aria-describedby={
                [error ? `${id}-error` : '', f.help || f.mustBeTrue ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
                undefined
              }
              onChange={(e) => set(path, e.target.checked)}
            />
            {f.title}
            {(f.required || f.mustBeTrue) && <RequiredMark />}
          </label>
          {(f.help || f.mustBeTrue) && (
            <span className="hint" id={`${id}-hint`}>
              {[f.help, f.mustBeTrue ? t('form.mustAccept') : ''].filter(Boolean).join(' ')}
            </span>
          )}
        </div>
      );
    case 'checkboxes':
      return (
        <ChoiceGroup
          id={id}
          legend={label}
          hint={hint}
          error={error}
          type="checkbox"
          choices={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          value={Array.isArray(v) ? (v as string[]) : []}
          onChange={(list) => set(path, list)}
        />
      );
    case 'enum': {
      const options = f.options ?? [];
      if (options.length <= 4) {
        return (
          <ChoiceGroup
            id={id}
            legend={label}
            hint={hint}
            error={error}
            type="radio"
            choices={options.map((o) => ({ value: o.value, label: o.label }))}
            value={typeof v === 'string' && v ? v : undefined}
            onChange={(list) => set(path, list[0] ?? '')}
          />
        );
      }
      return (
        <SelectField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={typeof v === 'string' ? v : ''}
          disabled={disabled}
          aria-required={f.required || undefined}
          onChange={(e) => set(path, e.target.value)}
          blank={t('form.choose')}
          choices={options.map((o) => ({ value: o.value, label: o.label }))}
        />
      );
    }
    case 'textarea':
      return (
        <TextAreaField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={typeof v === 'string' ? v : ''}
          maxLength={f.maxLength}
          placeholder={f.placeholder}
          disabled={disabled}
          aria-required={f.required || undefined}
          onChange={(e) => set(path, e.target.value)}
        />
      );
    default: {
      const fromRegistry = f.registry ? registry?.values[f.registry] : undefined;
      if (registry && f.registry && fromRegistry && v === fromRegistry.value) {
        // Once-only: a value from a base registry is not retyped; a wrong one is flagged to its owner.
        return (
          <div className="registry-field" data-registry={f.registry}>
            <TextField
              id={id}
              label={label}
              hint={[f.help, registry.sourceLabel(fromRegistry.registryName)].filter(Boolean).join(' ')}
              error={error}
              value={fromRegistry.value}
              readOnly
              className="input--registry"
            />
            <button
              type="button"
              className="btn btn--link btn--small"
              onClick={() => registry.onFlag(f.registry!, f.title, fromRegistry.registryName)}
            >
              {registry.flagLabel}
              <span className="visually-hidden">: {f.title}</span>
            </button>
          </div>
        );
      }
      const type = f.kind === 'date' ? 'date' : f.kind === 'email' ? 'email' : f.kind === 'uri' ? 'url' : 'text';
      const inputMode = f.kind === 'integer' ? 'numeric' : f.kind === 'number' ? 'decimal' : undefined;
      const short =
        f.kind === 'date' ||
        f.kind === 'integer' ||
        f.kind === 'number' ||
        (f.maxLength !== undefined && f.maxLength <= 20) ||
        f.pattern === '^\\d{12}$';
      return (
        <TextField
          id={id}
          label={label}
          hint={
            f.money && typeof v === 'string' && v
              ? [hint, formatVnd(Number(v.replace(/\D/g, '')))].filter(Boolean).join(' ')
              : hint
          }
          error={error}
          type={type}
          inputMode={inputMode}
          className={short ? 'input--short' : undefined}
          value={typeof v === 'string' ? v : ''}
          maxLength={f.maxLength}
          placeholder={f.placeholder}
          disabled={disabled}
          autoComplete={autoCompleteFor(f)}
          aria-required={f.required || undefined}
          autoCapitalize={f.uppercase ? 'characters' : undefined}
          onChange={(e) =>
            set(
              path,
              f.uppercase
                ? e.target.value.toLocaleUpperCase('vi')
                : f.money
                  ? groupThousands(e.target.value)
                  : e.target.value,
            )
          }
        />
      );
    }
  }
}

/** Browser autofill for the account's own facts; nothing for other people's data. */
function autoCompleteFor(f: FieldNode): string | undefined {
  switch (f.prefill) {
    case 'account.fullName':
      return 'name';
    case 'account.email':
      return 'email';
    case 'account.phone':
      return 'tel';
    default:
      return 'off';
  }
}

/** A repeatable group: one fieldset per row, add and remove buttons. */
function ListField(props: FieldProps) {
  const { t } = useTranslation('services');
  const { node: f, path, values, set, errors, depth } = props;
  const id = fieldId(path);
  const error = errors[problemPath(path)];
  const rows = (getAt(values, path) as RawRecord[] | undefined) ?? [];
  const item = f.itemFields ?? [];
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`form-group form-group--${Math.min(depth, 2)}${error ? ' field--error' : ''}`}
    >
      <legend className={legendClass(props.legendHidden)}>
        {f.title}
        {f.required && <RequiredMark />}
      </legend>
      {f.help && <p className="hint">{f.help}</p>}
      {error && <p className="field-error">{error}</p>}
      {rows.map((_, i) => (
        <fieldset
          key={i}
          className="form-group form-group--item"
          aria-label={t('form.item', { title: f.title, n: i + 1 })}
        >
          <div className="toolbar">
            <p className="form-group__item-title">{t('form.itemNumber', { n: i + 1 })}</p>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={props.disabled}
              onClick={() =>
                set(
                  path,
                  rows.filter((__, j) => j !== i),
                )
              }
            >
              {t('form.removeItem')}
              <span className="visually-hidden"> {t('form.item', { title: f.title, n: i + 1 })}</span>
            </button>
          </div>
          {item.map((c) => (
            <Field key={c.key} {...props} node={c} path={[...path, i, c.key]} depth={depth + 1} legendHidden={false} />
          ))}
        </fieldset>
      ))}
      {(f.maxItems === undefined || rows.length < f.maxItems) && (
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={props.disabled}
          onClick={() => set(path, [...rows, emptyRecord(item)])}
        >
          {t('form.addItem')}
          <span className="visually-hidden"> ({f.title})</span>
        </button>
      )}
    </fieldset>
  );
}
