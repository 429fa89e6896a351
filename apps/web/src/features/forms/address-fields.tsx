import { useTranslation } from 'react-i18next';
import { useCommunes, useProvinces } from '../directory/hooks';
import { SelectField, TextField } from '../ui';
import { RequiredMark } from './required-mark';
import { type FieldNode, fieldId, problemPath } from './schema-model';
import { getAt, type PrefillValues, type RawRecord, type RawValue } from './values';

type Path = (string | number)[];

/**
 * An address block in the order people pick it on the national portal: the province (34 after
 * 1 July 2025), then its commune, ward or special zone, then the street. The codes are what the
 * server checks; the names go with them so the filled form reads as written.
 */
export function AddressFields({
  node: f,
  path,
  values,
  set,
  errors,
  disabled,
  depth,
  legendHidden,
  prefill,
}: {
  node: FieldNode;
  path: Path;
  values: RawRecord;
  set: (path: Path, v: RawValue) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  depth: number;
  legendHidden?: boolean;
  /** The account's facts: an address block prefilled from the account says so while it is unchanged. */
  prefill?: PrefillValues;
}) {
  const { t } = useTranslation('services');
  const at = (k: string) => {
    const v = getAt(values, [...path, k]);
    return typeof v === 'string' ? v : '';
  };
  const child = (k: string) => f.children?.find((c) => c.key === k);
  const province = at('province');
  const provinces = useProvinces();
  const communes = useCommunes(province);
  const error = errors[problemPath(path)];
  const given = f.prefill ? prefill?.[f.prefill] : undefined;
  const fromAccount =
    typeof given === 'object' &&
    given.province === province &&
    given.commune === at('commune') &&
    given.street === at('street');
  const label = (k: string, fallback: string) => (
    <>
      {child(k)?.title ?? fallback}
      {child(k)?.required && <RequiredMark />}
    </>
  );
  const pick = (k: 'province' | 'commune', code: string, name: string) => {
    const base = getAt(values, path);
    const cur = base && typeof base === 'object' && !Array.isArray(base) ? (base as RawRecord) : {};
    const next: RawRecord =
      k === 'province'
        ? { ...cur, province: code, provinceName: name, commune: '', communeName: '' }
        : { ...cur, commune: code, communeName: name };
    set(path, next);
  };
  return (
    <fieldset
      id={fieldId(path)}
      tabIndex={-1}
      className={`form-group form-group--${Math.min(depth, 2)}${error ? ' field--error' : ''}`}
      data-address={problemPath(path)}
    >
      <legend className={legendHidden ? 'form-group__legend visually-hidden' : 'form-group__legend'}>
        {f.title}
        {f.required && <RequiredMark />}
      </legend>
      {f.help && <p className="hint">{f.help}</p>}
      {fromAccount && (
        <p className="hint" data-prefilled="account">
          {t('form.prefilledAddress')}
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
      <SelectField
        id={fieldId([...path, 'province'])}
        label={label('province', t('address.province'))}
        error={errors[problemPath([...path, 'province'])]}
        value={province}
        disabled={disabled || provinces.isPending}
        aria-required={child('province')?.required || undefined}
        onChange={(e) =>
          pick('province', e.target.value, provinces.data?.items.find((p) => p.code === e.target.value)?.name ?? '')
        }
        blank={t('form.choose')}
        choices={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
      />
      <SelectField
        id={fieldId([...path, 'commune'])}
        label={label('commune', t('address.commune'))}
        hint={province ? undefined : t('address.communeHint')}
        error={errors[problemPath([...path, 'commune'])]}
        value={at('commune')}
        disabled={disabled || !province || !communes.data}
        aria-required={child('commune')?.required || undefined}
        onChange={(e) =>
          pick('commune', e.target.value, communes.data?.items.find((c) => c.code === e.target.value)?.name ?? '')
        }
      >
        <option value="">{t('form.choose')}</option>
        {province &&
          communes.data?.items.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
      </SelectField>
      <TextField
        id={fieldId([...path, 'street'])}
        label={label('street', t('address.street'))}
        hint={t('address.streetHint')}
        error={errors[problemPath([...path, 'street'])]}
        value={at('street')}
        maxLength={child('street')?.maxLength}
        disabled={disabled}
        autoComplete="off"
        aria-required={child('street')?.required || undefined}
        onChange={(e) => set([...path, 'street'], e.target.value)}
      />
    </fieldset>
  );
}
