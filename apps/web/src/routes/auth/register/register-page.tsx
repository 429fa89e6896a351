import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegister } from '../../../features/identity';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  SubmitRow,
  TextField,
  useFieldErrors,
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
  const [form, setForm] = useState<RegisterForm>(initial);
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? register.error;
  const fe = useFieldErrors(error);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const business = form.accountType === 'business';

  useEffect(() => {
    if (register.isSuccess) doneRef.current?.focus();
  }, [register.isSuccess]);

  const on = (k: keyof RegisterForm) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = checkRegisterForm(form);
    setLocalError(clientValidation(problems));
    if (problems.length) return;
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
            setLocalError(null);
            register.reset();
          }}
        />
        {business ? (
          <TextField
            id="taxCode"
            label={labels.taxCode}
            hint={t('register.taxCodeHint')}
            error={fe.taxCode}
            inputMode="numeric"
            autoComplete="off"
            className="input--short"
            value={form.taxCode}
            onChange={on('taxCode')}
            required
          />
        ) : (
          <TextField
            id="idNumber"
            label={labels.idNumber}
            hint={t('register.idNumberHint')}
            error={fe.idNumber}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            className="input--short"
            value={form.idNumber}
            onChange={on('idNumber')}
            required
          />
        )}
        <TextField
          id="fullName"
          label={labels.fullName}
          error={fe.fullName}
          autoComplete={business ? 'organization' : 'name'}
          value={form.fullName}
          onChange={on('fullName')}
          required
        />
        {!business && (
          <>
            <TextField
              id="dateOfBirth"
              type="date"
              label={labels.dateOfBirth}
              hint={t('register.dateOfBirthHint')}
              error={fe.dateOfBirth}
              autoComplete="bday"
              className="input--short"
              value={form.dateOfBirth}
              onChange={on('dateOfBirth')}
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
        <TextField
          id="email"
          type="email"
          label={labels.email}
          error={fe.email}
          autoComplete="email"
          value={form.email}
          onChange={on('email')}
          required
        />
        <TextField
          id="phone"
          type="tel"
          label={labels.phone}
          hint={t('register.phoneHint')}
          error={fe.phone}
          autoComplete="tel"
          inputMode="tel"
          className="input--short"
          value={form.phone}
          onChange={on('phone')}
          required
        />
        <TextField
          id="password"
          type="password"
          label={labels.password}
          hint={t('register.passwordHint')}
          error={fe.password}
          autoComplete="new-password"
          value={form.password}
          onChange={on('password')}
          required
        />
        <TextField
          id="passwordConfirm"
          type="password"
          label={labels.passwordConfirm}
          error={fe.passwordConfirm}
          autoComplete="new-password"
          value={form.passwordConfirm}
          onChange={on('passwordConfirm')}
          required
        />
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
