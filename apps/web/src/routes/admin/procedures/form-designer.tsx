import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESIGNER_KINDS, formatOptions, move, newField, parseOptions } from '../../../features/forms/designer-model';
import { SchemaForm } from '../../../features/forms/schema-form';
import {
  type FieldKind,
  type FieldNode,
  type FormModel,
  PREFILL_SOURCES,
  type PrefillSource,
} from '../../../features/forms/schema-model';
import { initialValues, type RawRecord } from '../../../features/forms/values';
import { SelectField, TextAreaField, TextField } from '../../../features/ui';

const numOrUndef = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Number(s));

function FieldEditor({
  f,
  path,
  onChange,
  onMove,
  onRemove,
  errors,
  index,
  count,
}: {
  f: FieldNode;
  path: string;
  onChange: (f: FieldNode) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  index: number;
  count: number;
}) {
  const { t } = useTranslation('admin');
  const id = (k: string) => `fdz-${path.split('.').join('-')}-${k}`;
  const set = (patch: Partial<FieldNode>) => onChange({ ...f, ...patch });
  const [optionsText, setOptionsText] = useState(() => formatOptions(f.options));
  const text = f.kind === 'string' || f.kind === 'textarea';
  const numeric = f.kind === 'number' || f.kind === 'integer';
  return (
    <li className="designer-field">
      <div className="toolbar">
        <p className="designer-field__title">
          <strong>
            {index + 1}. {f.title || t('designer.untitled')}
          </strong>{' '}
          <span className="muted">({t(`designer.kinds.${f.kind}`)})</span>
        </p>
        <div className="btn-row btn-row--tight">
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <span aria-hidden="true">↑</span>
            <span className="visually-hidden">
              {t('designer.moveUp')} {f.title}
            </span>
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <span aria-hidden="true">↓</span>
            <span className="visually-hidden">
              {t('designer.moveDown')} {f.title}
            </span>
          </button>
          <button type="button" className="btn btn--secondary btn--small" onClick={onRemove}>
            {t('designer.remove')}
            <span className="visually-hidden"> {f.title}</span>
          </button>
        </div>
      </div>
      <div className="designer-grid">
        <TextField
          id={id('title')}
          label={t('designer.title')}
          value={f.title}
          error={errors[`${path}.title`]}
          onChange={(e) => set({ title: e.target.value })}
        />
        <TextField
          id={id('key')}
          label={t('designer.key')}
          hint={t('designer.keyHint')}
          value={f.key}
          error={errors[`${path}.key`]}
          className="mono"
          onChange={(e) => set({ key: e.target.value.trim() })}
        />
        <SelectField
          id={id('kind')}
          label={t('designer.kind')}
          value={f.kind}
          onChange={(e) => {
            const kind = e.target.value as FieldKind;
            const fresh = newField(kind, f.title, []);
            onChange({
              key: f.key,
              title: f.title,
              required: f.required,
              kind,
              help: f.help,
              options: fresh.options && f.options?.length ? f.options : fresh.options,
              children: fresh.children,
              itemFields: fresh.itemFields,
            });
          }}
          choices={DESIGNER_KINDS.map((k) => ({ value: k, label: t(`designer.kinds.${k}`) }))}
        />
        <div className="field">
          <label className="choice" htmlFor={id('required')}>
            <input
              id={id('required')}
              type="checkbox"
              checked={f.required}
              onChange={(e) => set({ required: e.target.checked })}
            />
            {t('designer.required')}
          </label>
        </div>
        {text && (
          <>
            <TextField
              id={id('pattern')}
              label={t('designer.pattern')}
              hint={t('designer.patternHint')}
              className="mono"
              value={f.pattern ?? ''}
              error={errors[`${path}.pattern`]}
              onChange={(e) => set({ pattern: e.target.value || undefined })}
            />
            <TextField
              id={id('maxLength')}
              label={t('designer.maxLength')}
              inputMode="numeric"
              className="input--short"
              value={f.maxLength ?? ''}
              onChange={(e) => set({ maxLength: numOrUndef(e.target.value) })}
            />
          </>
        )}
        {numeric && (
          <>
            <TextField
              id={id('minimum')}
              label={t('designer.minimum')}
              inputMode="decimal"
              className="input--short"
              value={f.minimum ?? ''}
              onChange={(e) => set({ minimum: numOrUndef(e.target.value) })}
            />
            <TextField
              id={id('maximum')}
              label={t('designer.maximum')}
              inputMode="decimal"
              className="input--short"
              value={f.maximum ?? ''}
              onChange={(e) => set({ maximum: numOrUndef(e.target.value) })}
            />
          </>
        )}
        {(text || f.kind === 'date' || f.kind === 'email' || f.kind === 'enum') && (
          <SelectField
            id={id('prefill')}
            label={t('designer.prefill')}
            value={f.prefill ?? ''}
            onChange={(e) => set({ prefill: (e.target.value || undefined) as PrefillSource | undefined })}
            blank={t('designer.noPrefill')}
            choices={PREFILL_SOURCES.map((p) => ({
              value: p,
              label: t(`designer.prefillSources.${p.replace('account.', '')}`),
            }))}
          />
        )}
        <TextField
          id={id('help')}
          label={t('designer.help')}
          value={f.help ?? ''}
          onChange={(e) => set({ help: e.target.value || undefined })}
        />
      </div>
      {(f.kind === 'enum' || f.kind === 'checkboxes') && (
        <TextAreaField
          id={id('options')}
          label={t('designer.options')}
          hint={t('designer.optionsHint')}
          value={optionsText}
          error={errors[`${path}.options`]}
          rows={4}
          onChange={(e) => {
            setOptionsText(e.target.value);
            set({ options: parseOptions(e.target.value) });
          }}
        />
      )}
      {f.kind === 'object' && (
        <FieldList
          fields={f.children ?? []}
          onChange={(children) => set({ children })}
          path={`${path}.children`}
          errors={errors}
          nested
        />
      )}
      {f.kind === 'array' && (
        <FieldList
          fields={f.itemFields ?? []}
          onChange={(itemFields) => set({ itemFields })}
          path={`${path}.itemFields`}
          errors={errors}
          nested
        />
      )}
    </li>
  );
}

function FieldList({
  fields,
  onChange,
  path,
  errors,
  nested,
}: {
  fields: FieldNode[];
  onChange: (f: FieldNode[]) => void;
  path: string;
  errors: Record<string, string>;
  nested?: boolean;
}) {
  const { t } = useTranslation('admin');
  const [kind, setKind] = useState<FieldKind>('string');
  const base = path ? `${path}.` : '';
  const addId = `fdz-add-${path.split('.').join('-') || 'root'}`;
  return (
    <div className={nested ? 'designer-list designer-list--nested' : 'designer-list'}>
      {nested && <p className="muted">{t('designer.nestedFields')}</p>}
      <ol className="plain-list">
        {fields.map((f, i) => (
          <FieldEditor
            key={`${i}-${f.kind}`}
            f={f}
            index={i}
            count={fields.length}
            path={`${base}${i}`}
            errors={errors}
            onChange={(nf) => onChange(fields.map((x, j) => (j === i ? nf : x)))}
            onMove={(d) => onChange(move(fields, i, d))}
            onRemove={() => onChange(fields.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <div className="btn-row">
        <SelectField
          id={addId}
          label={t('designer.newKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as FieldKind)}
          choices={DESIGNER_KINDS.map((k) => ({ value: k, label: t(`designer.kinds.${k}`) }))}
        />
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() =>
            onChange([
              ...fields,
              newField(
                kind,
                t('designer.newFieldTitle', { n: fields.length + 1 }),
                fields.map((f) => f.key),
              ),
            ])
          }
        >
          {t('designer.add')}
        </button>
      </div>
    </div>
  );
}

/** The form designer: edit the fields of `formSchema`, with a live preview drawn by the same renderer. */
export function FormDesigner({
  model,
  onChange,
  errors,
}: {
  model: FormModel;
  onChange: (m: FormModel) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const [preview, setPreview] = useState<{ shape: string; values: RawRecord } | null>(null);
  // The preview restarts when the shape changes; typing in it does not touch the schema.
  const shape = JSON.stringify(model);
  const start = useMemo(() => initialValues(JSON.parse(shape) as FormModel), [shape]);
  const values = preview?.shape === shape ? preview.values : start;
  return (
    <div className="designer">
      <div className="designer__editor">
        <TextField
          id="fdz-formTitle"
          label={t('designer.formTitle')}
          value={model.title ?? ''}
          onChange={(e) => onChange({ ...model, title: e.target.value || undefined })}
        />
        <FieldList
          fields={model.fields}
          onChange={(fields) => onChange({ ...model, fields })}
          path=""
          errors={errors}
        />
      </div>
      <section className="designer__preview" aria-labelledby="designer-preview-title">
        <h3 id="designer-preview-title">{t('designer.preview')}</h3>
        <div className="preview-frame" data-testid="designer-preview">
          {model.title && <p className="form-group__legend">{model.title}</p>}
          <SchemaForm model={model} values={values} onChange={(v) => setPreview({ shape, values: v })} />
        </div>
      </section>
    </div>
  );
}
