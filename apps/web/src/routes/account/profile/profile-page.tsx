import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SchemaForm } from '../../../features/forms/schema-form';
import { schemaToModel } from '../../../features/forms/schema-model';
import { type AddressValue, initialValues, type RawRecord } from '../../../features/forms/values';
import { type Me, useMe, useUpdateProfile } from '../../../features/identity';
import {
  Breadcrumbs,
  ErrorSummary,
  Loading,
  SubmitRow,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

/** An address block of the forms (ADR 0027): province, then its commune, then the street. */
const block = (title: string, t: (k: string) => string) => ({
  type: 'object',
  title,
  properties: {
    province: { type: 'string', title: t('personal.province') },
    provinceName: { type: 'string' },
    commune: { type: 'string', title: t('personal.commune') },
    communeName: { type: 'string' },
    street: { type: 'string', title: t('personal.street'), maxLength: 300 },
  },
  'x-ui': { widget: 'address', order: ['province', 'commune', 'street'] },
});

/** The picked address to send, or null when nothing was picked (the server checks the rest). */
function addressOf(v: unknown): { province: string; commune: string; street: string } | null {
  const a = (v ?? {}) as Partial<AddressValue>;
  if (!a.province && !a.commune && !a.street?.trim()) return null;
  return { province: a.province ?? '', commune: a.commune ?? '', street: a.street ?? '' };
}

/**
 * "Thông tin cá nhân": the citizen's date of birth and addresses, kept once in the account and prefilled into every
 * form that asks for them (he can still change them on a form). A date of birth VNeID proved is shown, not edited.
 */
export function ProfilePage() {
  const { t } = useTranslation('account');
  usePageTitle(t('personal.title'));
  const me = useMe();
  if (!me.data) return <Loading />;
  return <ProfileForm user={me.data} />;
}

function ProfileForm({ user }: { user: Me }) {
  const { t } = useTranslation('account');
  const save = useUpdateProfile();
  const model = useMemo(
    () =>
      schemaToModel({
        type: 'object',
        properties: {
          permanentAddress: block(t('personal.permanent'), t),
          currentAddress: block(t('personal.current'), t),
        },
      }),
    [t],
  );
  const [dob, setDob] = useState(user.dateOfBirth ?? '');
  const [sameAsPermanent, setSame] = useState(!user.currentAddress);
  const [values, setValues] = useState<RawRecord>(() =>
    initialValues(model, {
      data: { permanentAddress: user.permanentAddress ?? undefined, currentAddress: user.currentAddress ?? undefined },
    }),
  );
  const errors = useFieldErrors(save.error);
  // The server names `permanentAddress.commune`; the address pickers answer to `formData.…`.
  const formErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`formData.${k}`, v]));
  const dobLocked = user.identityLevel === 'vneid' && !!user.dateOfBirth;
  const fieldIds = {
    dateOfBirth: 'dob',
    'permanentAddress.province': 'fd-permanentAddress-province',
    'permanentAddress.commune': 'fd-permanentAddress-commune',
    'currentAddress.province': 'fd-currentAddress-province',
    'currentAddress.commune': 'fd-currentAddress-commune',
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      ...(dobLocked ? {} : { dateOfBirth: dob || null }),
      permanentAddress: addressOf(values.permanentAddress),
      currentAddress: sameAsPermanent ? null : addressOf(values.currentAddress),
    });
  };
  return (
    <div className="page page--narrow">
      <Breadcrumbs trail={[{ to: '/account', label: t('title') }]} current={t('personal.title')} />
      <h1>{t('personal.title')}</h1>
      <p className="lead">{t('personal.lead')}</p>
      {save.isSuccess && (
        <SuccessNotice>
          <p>{t('personal.saved')}</p>
          <p>
            <Link to="/procedures">{t('personal.toProcedures')}</Link>
          </p>
        </SuccessNotice>
      )}
      <ErrorSummary error={save.error} fieldIds={fieldIds} />
      <dl className="summary">
        <dt>{t('profile.fullName')}</dt>
        <dd>{user.fullName}</dd>
        <dt>{t('personal.idNumber')}</dt>
        <dd className="mono">{user.username}</dd>
      </dl>
      <form noValidate onSubmit={onSubmit} data-testid="personal-form">
        <TextField
          id="dob"
          type="date"
          className="input--short"
          label={t('personal.dateOfBirth')}
          hint={dobLocked ? t('personal.dobVerified') : t('personal.dobHint')}
          error={errors.dateOfBirth}
          value={dob}
          readOnly={dobLocked}
          onChange={(e) => setDob(e.target.value)}
        />
        <SchemaForm
          model={{ fields: model.fields.filter((f) => f.key === 'permanentAddress') }}
          values={values}
          onChange={setValues}
          errors={formErrors}
        />
        <div className="field">
          <label className="choice" htmlFor="same-address">
            <input
              id="same-address"
              type="checkbox"
              checked={sameAsPermanent}
              onChange={(e) => setSame(e.target.checked)}
            />
            {t('personal.same')}
          </label>
        </div>
        {!sameAsPermanent && (
          <SchemaForm
            model={{ fields: model.fields.filter((f) => f.key === 'currentAddress') }}
            values={values}
            onChange={setValues}
            errors={formErrors}
          />
        )}
        <SubmitRow label={t('personal.save')} busy={save.isPending}>
          <Link className="btn btn--secondary" to="/account">
            {t('cancel')}
          </Link>
        </SubmitRow>
      </form>
    </div>
  );
}

export default ProfilePage;
