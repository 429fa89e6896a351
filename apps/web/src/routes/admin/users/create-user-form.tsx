import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreateUserBody, useCreateUser } from '../../../features/admin/hooks';
import { ROLES } from '../../../features/identity';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  SubmitRow,
  TextField,
  useFieldErrors,
  useFocusOnMount,
} from '../../../features/ui';

/** Create a civil-servant account. An agency admin creates users in its own agency only, never platform admins. */
export function CreateUserForm({
  isAdmin,
  ownAgency,
  onDone,
}: {
  isAdmin: boolean;
  ownAgency: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const create = useCreateUser();
  const [v, setV] = useState<CreateUserBody>({
    username: '',
    password: '',
    fullName: '',
    email: '',
    roles: [],
    agencyCode: ownAgency,
  });
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? create.error;
  const fe = useFieldErrors(error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const roles = isAdmin ? ROLES : ROLES.filter((r) => r !== 'admin');

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: { path: string; code: string }[] = (['username', 'password', 'fullName'] as const)
      .filter((k) => !v[k].trim())
      .map((path) => ({ path, code: 'REQUIRED' }));
    if (!v.roles.length) problems.push({ path: 'roles', code: 'REQUIRED' });
    const err = clientValidation(problems);
    setLocalError(err);
    if (err) return;
    create.mutate(
      {
        ...v,
        username: v.username.trim(),
        fullName: v.fullName.trim(),
        email: v.email?.trim() || undefined,
        agencyCode: v.agencyCode?.trim() || null,
      },
      { onSuccess: onDone },
    );
  }

  return (
    <section aria-labelledby="create-user-title" className="notice">
      <h2 id="create-user-title" ref={heading} tabIndex={-1}>
        {t('users.createTitle')}
      </h2>
      <ErrorSummary
        error={error}
        fieldIds={{
          username: 'cu-username',
          password: 'cu-password',
          fullName: 'cu-fullName',
          email: 'cu-email',
          roles: 'cu-roles',
          agencyCode: 'cu-agency',
        }}
      />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="cu-username"
          label={t('users.username')}
          hint={t('users.usernameHint')}
          error={fe.username}
          autoComplete="off"
          value={v.username}
          onChange={(e) => setV({ ...v, username: e.target.value })}
        />
        <TextField
          id="cu-fullName"
          label={t('users.fullName')}
          error={fe.fullName}
          value={v.fullName}
          onChange={(e) => setV({ ...v, fullName: e.target.value })}
        />
        <TextField
          id="cu-email"
          type="email"
          label={t('users.email')}
          error={fe.email}
          value={v.email ?? ''}
          onChange={(e) => setV({ ...v, email: e.target.value })}
        />
        <TextField
          id="cu-password"
          type="password"
          label={t('users.initialPassword')}
          hint={t('auth:register.passwordHint')}
          error={fe.password}
          autoComplete="new-password"
          value={v.password}
          onChange={(e) => setV({ ...v, password: e.target.value })}
        />
        <ChoiceGroup
          id="cu-roles"
          legend={t('users.roles')}
          type="checkbox"
          error={fe.roles}
          value={v.roles}
          choices={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(roles) => setV({ ...v, roles })}
        />
        <TextField
          id="cu-agency"
          label={t('users.agency')}
          hint={t('users.agencyHint')}
          error={fe.agencyCode}
          value={v.agencyCode ?? ''}
          readOnly={!isAdmin}
          onChange={(e) => setV({ ...v, agencyCode: e.target.value })}
          className="input--short"
        />
        <SubmitRow label={t('users.createSubmit')} busy={create.isPending}>
          <button className="btn btn--secondary" type="button" onClick={onDone}>
            {t('cancel')}
          </button>
        </SubmitRow>
      </form>
    </section>
  );
}
