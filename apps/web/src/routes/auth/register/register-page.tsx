import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegister } from '../../../features/identity';
import {
  ChoiceGroup,
  ErrorSummary,
  SubmitRow,
  TextField,
  type TextKey,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';
import { checkRegisterForm, type RegisterForm } from './register-validation';

const initial: RegisterForm = {
  accountType: 'citizen',
  idNumber: '',
  taxCode: '',
  fullName: '',
  dateOfBirth: '',
  gender: '',
  email: '',
  phone: '',
  password: '',
  passwordConfirm: '',
};

export function RegisterPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('register.title'));
  const register = useRegister();
  const { draft: form, setDraft: setForm, field, error, fe, check, setError } = useFormDraft(initial, register.error);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const business = form.accountType === 'business';

  useEffect(() => {
    if (register.isSuccess) doneRef.current?.focus();
  }, [register.isSuccess]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!check(checkRegisterForm(form))) return;
    register.reset();
    register.mutate({
      accountType: form.accountType,
      ...(business
        ? { taxCode: form.taxCode.trim() }
        : {
            idNumber: form.idNumber.trim(),
            dateOfBirth: form.dateOfBirth || undefined,
            gender: form.gender || undefined,
          }),
      fullName: form.fullName.trim(),
      email: form.email.trim(),
      phone: form.phone.trim(),
      password: form.password,
    });
  }

  if (register.isSuccess) {
    const username = register.data.username;
    return (
      <div className="page page--narrow">
        <div className="notice notice--success" role="status">
          <h1 ref={doneRef} tabIndex={-1}>
            {t('register.done.title')}
          </h1>
          <p>{t('register.done.body', { username })}</p>
        </div>
        <Link className="btn" to={`/login?username=${encodeURIComponent(username)}`}>
          {t('register.done.login')}
        </Link>
      </div>
    );
  }

  const labels: Record<string, string> = {
    idNumber: t('fields.idNumber'),
    taxCode: t('fields.taxCode'),
    fullName: business ? t('fields.businessName') : t('fields.fullName'),
    dateOfBirth: t('fields.dateOfBirth'),
    gender: t('fields.gender'),
    email: t('fields.email'),
    phone: t('fields.phone'),
    password: t('fields.password'),
    passwordConfirm: t('fields.passwordConfirm'),
  };

  /** A text field of the form: its id is its key, its label the one the error summary names it by. */
  const input = (k: TextKey<RegisterForm>) => ({ id: k, label: labels[k], ...field(k) });

  return (
    <div className="page">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <ErrorSummary error={error} labels={labels} fieldIds={{ gender: 'gender' }} />
      <form className="form" onSubmit={submit} noValidate>
        <ChoiceGroup
          id="accountType"
          legend={t('register.accountType')}
          type="radio"
          className="switcher"
          value={form.accountType}
          choices={[
            { value: 'citizen', label: t('register.citizen') },
            { value: 'business', label: t('register.business') },
          ]}
          onChange={([v]) => {
            setForm((f) => ({ ...f, accountType: v as RegisterForm['accountType'] }));
            setError(null);
            register.reset();
          }}
        />
        {business ? (
          <TextField
            hint={t('register.taxCodeHint')}
            inputMode="numeric"
            autoComplete="off"
            className="input--short"
            {...input('taxCode')}
            required
          />
        ) : (
          <TextField
            hint={t('register.idNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            className="input--short"
            {...input('idNumber')}
            required
          />
        )}
        <TextField autoComplete={business ? 'organization' : 'name'} {...input('fullName')} required />
        {!business && (
          <>
            <TextField
              type="date"
              hint={t('register.dateOfBirthHint')}
              autoComplete="bday"
              className="input--short"
              {...input('dateOfBirth')}
            />
            <ChoiceGroup
              id="gender"
              legend={labels.gender}
              error={fe.gender}
              type="radio"
              value={form.gender || undefined}
              choices={[
                { value: 'male', label: t('register.male') },
                { value: 'female', label: t('register.female') },
              ]}
              onChange={([v]) => setForm((f) => ({ ...f, gender: v as RegisterForm['gender'] }))}
            />
          </>
        )}
        <TextField type="email" autoComplete="email" {...input('email')} required />
        <TextField
          type="tel"
          hint={t('register.phoneHint')}
          autoComplete="tel"
          inputMode="tel"
          className="input--short"
          {...input('phone')}
          required
        />
        <TextField
          type="password"
          hint={t('register.passwordHint')}
          autoComplete="new-password"
          {...input('password')}
          required
        />
        <TextField type="password" autoComplete="new-password" {...input('passwordConfirm')} required />
        <SubmitRow
          label={register.isPending ? t('register.submitting') : t('register.submit')}
          busy={register.isPending}
        >
          <Link to="/login">{t('register.haveAccount')}</Link>
        </SubmitRow>
      </form>
    </div>
  );
}
