import { useTranslation } from 'react-i18next';
import type { FieldNode, FormModel } from './schema-model';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A submitted form, read-only, with the schema's labels (answers the schema does not know are listed as is). */
export function FormDataView({ model, data }: { model: FormModel; data: Record<string, unknown> }) {
  return <Fields fields={model.fields} data={data} />;
}

function Fields({ fields, data }: { fields: FieldNode[]; data: Record<string, unknown> }) {
  const known = new Set(fields.map((f) => f.key));
  const extra = Object.keys(data).filter((k) => !known.has(k));
  return (
    <dl className="summary summary--form">
      {fields
        .filter((f) => data[f.key] !== undefined)
        .map((f) => (
          <Entry key={f.key} f={f} v={data[f.key]} />
        ))}
      {extra.map((k) => (
        <Raw key={k} k={k} v={data[k]} />
      ))}
    </dl>
  );
}

/** An address block as one line, in the written order: street, commune, province. */
export function addressText(v: Record<string, unknown>): string {
  return [v.street, v.communeName ?? v.commune, v.provinceName ?? v.province]
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    .join(', ');
}

function Raw({ k, v }: { k: string; v: unknown }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
    </>
  );
}

function Entry({ f, v }: { f: FieldNode; v: unknown }) {
  const { t } = useTranslation('services');
  let shown: React.ReactNode;
  if (f.widget === 'address' && isObj(v)) shown = addressText(v);
  else if (f.kind === 'object' && isObj(v)) shown = <Fields fields={f.children ?? []} data={v} />;
  else if (f.kind === 'array' && Array.isArray(v))
    shown = (
      <ol className="plain-list">
        {v.map((item, i) => (
          <li key={i}>{isObj(item) ? <Fields fields={f.itemFields ?? []} data={item} /> : String(item)}</li>
        ))}
      </ol>
    );
  else if (f.kind === 'boolean') shown = v ? t('form.yes') : t('form.no');
  else if (f.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    shown = v.split('-').reverse().join('/');
  else if ((f.kind === 'enum' || f.kind === 'checkboxes') && f.options) {
    const list = Array.isArray(v) ? v : [v];
    shown = list.map((x) => f.options!.find((o) => o.value === x)?.label ?? String(x)).join(', ');
  } else shown = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return (
    <>
      <dt>{f.title}</dt>
      <dd>{shown}</dd>
    </>
  );
}
