import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Agency,
  type AgencyInput,
  type CreateAgencyBody,
  AGENCY_LEVELS,
  useCreateAgency,
  useMoveAgency,
  useUpdateAgency,
} from '../../../features/directory/hooks';
import {
  ErrorSummary,
  SelectField,
  SubmitRow,
  SuccessNotice,
  TextField,
  type TextKey,
  useFieldErrors,
  useFocusOnMount,
  useFormDraft,
} from '../../../features/ui';

const TEXT_FIELDS = ['name', 'nameEn', 'shortName', 'address', 'phone', 'email', 'website'] as const;

function blankToNull(v: AgencyInput): AgencyInput {
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      typeof x === 'string' && !x.trim() ? null : typeof x === 'string' ? x.trim() : x,
    ]),
  );
}

/** Create an agency (agency is undefined) or edit its fields. */
export function AgencyForm({ agency, onDone }: { agency?: Agency; onDone: () => void }) {
  const { t } = useTranslation('directory');
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const m = agency ? update : create;
  const { draft: v, field } = useFormDraft<AgencyInput>(
    agency
      ? { ...agency }
      : {
          code: '',
          legacyCode: '',
          name: '',
          nameEn: '',
          shortName: '',
          level: 'department',
          parentCode: '',
          address: '',
          phone: '',
          email: '',
          website: '',
        },
    m.error,
  );
  const id = (k: string) => `ag-${k}`;
  /** A text field of the form, its id `ag-<key>`. */
  const input = (k: TextKey<AgencyInput>) => ({ id: id(k), ...field(k) });
  const heading = useFocusOnMount<HTMLHeadingElement>();

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = blankToNull(v);
    if (agency) {
      const { name, nameEn, shortName, address, phone, email, website, level, legacyCode } = body;
      update.mutate(
        {
          code: agency.code,
          name: name ?? undefined,
          nameEn,
          shortName,
          address,
          phone,
          email,
          website,
          level,
          legacyCode,
        },
        { onSuccess: onDone },
      );
      // Required fields left empty are for the server to name (problem+json field errors under the inputs).
    } else create.mutate(body as CreateAgencyBody, { onSuccess: onDone });
  }

  const title = agency ? t('admin.editTitle', { name: agency.name }) : t('admin.createTitle');
  return (
    <section className="notice" aria-labelledby="agency-form-title">
      <h2 id="agency-form-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <ErrorSummary
        error={m.error}
        fieldIds={Object.fromEntries(
          ['code', 'legacyCode', 'level', 'parentCode', ...TEXT_FIELDS].map((k) => [k, id(k)]),
        )}
      />
      <form className="form" onSubmit={submit} noValidate>
        {!agency && (
          <TextField label={t('fields.code')} hint={t('admin.codeHint')} className="input--short" {...input('code')} />
        )}
        <TextField
          label={t('fields.legacyCode')}
          hint={t('admin.legacyCodeHint')}
          className="input--short"
          {...input('legacyCode')}
        />
        <SelectField
          label={t('fields.level')}
          {...input('level')}
          choices={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        {!agency && (
          <TextField
            label={t('fields.parentCode')}
            hint={t('admin.parentHint')}
            className="input--short"
            {...input('parentCode')}
          />
        )}
        {TEXT_FIELDS.map((k) => (
          <TextField
            key={k}
            type={k === 'email' ? 'email' : k === 'website' ? 'url' : k === 'phone' ? 'tel' : 'text'}
            label={t(`fields.${k}`)}
            {...input(k)}
          />
        ))}
        <SubmitRow label={t('admin.save')} busy={m.isPending}>
          <button className="btn btn--secondary" type="button" onClick={onDone}>
            {t('common:cancel')}
          </button>
        </SubmitRow>
      </form>
    </section>
  );
}

/** Move an agency under another parent (or to the top level). */
export function MoveAgencyForm({ agency, onDone }: { agency: Agency; onDone: () => void }) {
  const { t } = useTranslation('directory');
  const move = useMoveAgency();
  const [parentCode, setParentCode] = useState(agency.parentCode ?? '');
  const fe = useFieldErrors(move.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="notice" aria-labelledby="move-title">
      <h2 id="move-title" ref={heading} tabIndex={-1}>
        {t('admin.moveTitle', { name: agency.name })}
      </h2>
      <ErrorSummary error={move.error} fieldIds={{ parentCode: 'move-parent' }} />
      {move.isSuccess && <SuccessNotice>{t('admin.moved')}</SuccessNotice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          move.mutate({ code: agency.code, parentCode: parentCode.trim() || null }, { onSuccess: onDone });
        }}
        noValidate
      >
        <TextField
          id="move-parent"
          label={t('admin.newParent')}
          hint={t('admin.newParentHint')}
          error={fe.parentCode}
          className="input--short"
          value={parentCode}
          onChange={(e) => setParentCode(e.target.value)}
        />
        <SubmitRow label={t('admin.move')} busy={move.isPending}>
          <button className="btn btn--secondary" type="button" onClick={onDone}>
            {t('common:cancel')}
          </button>
        </SubmitRow>
      </form>
    </section>
  );
}
