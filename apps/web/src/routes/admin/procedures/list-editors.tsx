import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../../features/procedures/money';
import type { FeeLine, RequiredDocument } from '../../../features/procedures/types';
import { TextField } from '../../../features/ui';
import { keyFromTitle, move } from '../../../features/forms/designer-model';

const id = (path: string) => `pe-${path.split('.').join('-')}`;
const int = (s: string) => Number(s.replace(/\D/g, '') || 0);

/** Required documents: name, originals / copies, required, electronic copies accepted, note. */
export function DocumentsEditor({
  docs,
  onChange,
  errors,
}: {
  docs: RequiredDocument[];
  onChange: (d: RequiredDocument[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const set = (i: number, patch: Partial<RequiredDocument>) =>
    onChange(docs.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <>
      <ol className="plain-list">
        {docs.map((d, i) => {
          const p = `requiredDocuments.${i}`;
          return (
            <li key={i} className="designer-field">
              <fieldset>
                <legend className="designer-field__title">
                  {t('docs.item', { n: i + 1 })}: {d.name || t('designer.untitled')}
                </legend>
                <div className="designer-grid">
                  <TextField
                    id={id(`${p}.name`)}
                    label={t('docs.name')}
                    value={d.name}
                    error={errors[`${p}.name`]}
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                  <TextField
                    id={id(`${p}.id`)}
                    label={t('docs.id')}
                    hint={t('docs.idHint')}
                    className="mono"
                    value={d.id}
                    error={errors[`${p}.id`]}
                    onChange={(e) => set(i, { id: e.target.value.trim() })}
                  />
                  <TextField
                    id={id(`${p}.originals`)}
                    label={t('docs.originals')}
                    inputMode="numeric"
                    className="input--short"
                    value={String(d.originals)}
                    error={errors[`${p}.originals`]}
                    onChange={(e) => set(i, { originals: int(e.target.value) })}
                  />
                  <TextField
                    id={id(`${p}.copies`)}
                    label={t('docs.copies')}
                    inputMode="numeric"
                    className="input--short"
                    value={String(d.copies)}
                    error={errors[`${p}.copies`]}
                    onChange={(e) => set(i, { copies: int(e.target.value) })}
                  />
                  <TextField
                    id={id(`${p}.note`)}
                    label={t('docs.note')}
                    value={d.note ?? ''}
                    onChange={(e) => set(i, { note: e.target.value || undefined })}
                  />
                  <div className="field">
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={d.required}
                        onChange={(e) => set(i, { required: e.target.checked })}
                      />
                      {t('docs.required')}
                    </label>
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={d.electronicAccepted}
                        onChange={(e) => set(i, { electronicAccepted: e.target.checked })}
                      />
                      {t('docs.electronic')}
                    </label>
                  </div>
                </div>
                <div className="btn-row btn-row--tight">
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    disabled={i === 0}
                    onClick={() => onChange(move(docs, i, -1))}
                  >
                    <span aria-hidden="true">↑</span>
                    <span className="visually-hidden">{t('designer.moveUp')}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    disabled={i === docs.length - 1}
                    onClick={() => onChange(move(docs, i, 1))}
                  >
                    <span aria-hidden="true">↓</span>
                    <span className="visually-hidden">{t('designer.moveDown')}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    onClick={() => onChange(docs.filter((_, j) => j !== i))}
                  >
                    {t('designer.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => {
          const name = t('docs.newName', { n: docs.length + 1 });
          const key = keyFromTitle(name, []).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          onChange([
            ...docs,
            {
              id: docs.some((d) => d.id === key) ? `${key}_${Date.now() % 1000}` : key,
              name,
              originals: 1,
              copies: 0,
              electronicAccepted: true,
              required: true,
            },
          ]);
        }}
      >
        {t('docs.add')}
      </button>
    </>
  );
}

/** Fee lines in integer VND, with the total. */
export function FeesEditor({
  fees,
  onChange,
  errors,
}: {
  fees: FeeLine[];
  onChange: (f: FeeLine[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const set = (i: number, patch: Partial<FeeLine>) => onChange(fees.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <>
      <ol className="plain-list">
        {fees.map((f, i) => {
          const p = `fees.${i}`;
          return (
            <li key={i} className="designer-field">
              <div className="designer-grid">
                <TextField
                  id={id(`${p}.label`)}
                  label={t('fees.label', { n: i + 1 })}
                  value={f.label}
                  error={errors[`${p}.label`]}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
                <TextField
                  id={id(`${p}.amount`)}
                  label={t('fees.amount')}
                  hint={formatVnd(f.amount)}
                  inputMode="numeric"
                  className="input--short"
                  value={String(f.amount)}
                  error={errors[`${p}.amount`]}
                  onChange={(e) => set(i, { amount: int(e.target.value) })}
                />
                <TextField
                  id={id(`${p}.note`)}
                  label={t('fees.note')}
                  value={f.note ?? ''}
                  onChange={(e) => set(i, { note: e.target.value || undefined })}
                />
              </div>
              <button
                type="button"
                className="btn btn--secondary btn--small"
                onClick={() => onChange(fees.filter((_, j) => j !== i))}
              >
                {t('designer.remove')}
                <span className="visually-hidden"> {f.label}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <p>
        {t('fees.total')}: <strong>{formatVnd(fees.reduce((s, f) => s + f.amount, 0))}</strong>
      </p>
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => onChange([...fees, { label: '', amount: 0 }])}
      >
        {t('fees.add')}
      </button>
    </>
  );
}
