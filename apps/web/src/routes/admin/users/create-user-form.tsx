import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreateUserBody, useCreateUser } from '../../../features/admin/hooks';
import { ROLES } from '../../../features/identity';
import {
  blankFields,
  ChoiceGroup,
  ErrorSummary,
  SubmitRow,
  TextField,
  useFocusOnMount,
  useFormDraft,
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
  const { draft, setDraft, field, error, fe, check } = useFormDraft<CreateUserBody>(
    { username: '', password: '', fullName: '', email: '', roles: [], agencyCode: ownAgency },
    create.error,
  );
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const roles = isAdmin ? ROLES : ROLES.filter((r) => r !== 'admin');

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = blankFields(draft, ['username', 'password', 'fullName']);
    if (!draft.roles.length) problems.push({ path: 'roles', code: 'REQUIRED' });
    if (!check(problems)) return;
    create.mutate(
      {
        ...draft,
        username: draft.username.trim(),
        fullName: draft.fullName.trim(),
        email: draft.email?.trim() || undefined,
        agencyCode: draft.agencyCode?.trim() || null,
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
          autoComplete="off"
          {...field('username')}
        />
        <TextField id="cu-fullName" label={t('users.fullName')} {...field('fullName')} />
        <TextField id="cu-email" type="email" label={t('users.email')} {...field('email')} />
        <TextField
          id="cu-password"
          type="password"
          label={t('users.initialPassword')}
          hint={t('auth:register.passwordHint')}
          autoComplete="new-password"
          {...field('password')}
        />
        <ChoiceGroup
          id="cu-roles"
          legend={t('users.roles')}
          type="checkbox"
          error={fe.roles}
          value={draft.roles}
          choices={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(roles) => setDraft({ ...draft, roles })}
        />
        <TextField
          id="cu-agency"
          label={t('users.agency')}
          hint={t('users.agencyHint')}
          {...field('agencyCode')}
          readOnly={!isAdmin}
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
