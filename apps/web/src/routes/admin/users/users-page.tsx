import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type UserFilter, useAdminUsers, useUpdateUser } from '../../../features/admin/hooks';
import { hasRole, ROLES, useMe } from '../../../features/identity';
import {
  ErrorSummary,
  ExportCsvButton,
  formatDateTime,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  SelectField,
  TextField,
  usePageTitle,
} from '../../../features/ui';
import { CreateUserForm } from './create-user-form';

const PAGE_SIZE = 25;

export default function UsersPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('users.title'));
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const [draft, setDraft] = useState<UserFilter>({});
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: PAGE_SIZE });
  const [creating, setCreating] = useState(false);
  const users = useAdminUsers(filter);
  const update = useUpdateUser();

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilter({ ...draft, page: 1, pageSize: PAGE_SIZE });
  }
  const set = (k: keyof UserFilter) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value || undefined }));
  const roleName = (r: string) => t(`roles.${r}`, { defaultValue: r });

  const columns = [
    { header: t('users.username'), value: (u: AdminUser) => u.username },
    { header: t('users.fullName'), value: (u: AdminUser) => u.fullName },
    { header: t('users.kind'), value: (u: AdminUser) => t(`account:kinds.${u.kind}`) },
    { header: t('users.roles'), value: (u: AdminUser) => u.roles.map(roleName) },
    { header: t('users.agency'), value: (u: AdminUser) => u.agencyCode },
    { header: t('users.email'), value: (u: AdminUser) => u.email },
    { header: t('users.status'), value: (u: AdminUser) => t(`users.statuses.${u.status}`, { defaultValue: u.status }) },
    { header: t('users.totp'), value: (u: AdminUser) => (u.totpEnabled ? t('yes') : t('no')) },
    { header: t('users.createdAt'), value: (u: AdminUser) => u.createdAt },
  ];

  return (
    <>
      <div className="toolbar">
        <h1>{t('users.title')}</h1>
        {!creating && (
          <button className="btn" type="button" onClick={() => setCreating(true)}>
            {t('users.create')}
          </button>
        )}
      </div>
      {creating && (
        <CreateUserForm isAdmin={isAdmin} ownAgency={me.data?.agencyCode ?? null} onDone={() => setCreating(false)} />
      )}

      <form className="filters" role="search" aria-label={t('filter')} onSubmit={submit}>
        <TextField id="users-q" type="search" label={t('users.search')} value={draft.q ?? ''} onChange={set('q')} />
        <SelectField id="users-role" label={t('users.role')} value={draft.role ?? ''} onChange={set('role')}>
          <option value="">{t('all')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </SelectField>
        <SelectField id="users-kind" label={t('users.kind')} value={draft.kind ?? ''} onChange={set('kind')}>
          <option value="">{t('all')}</option>
          {(['citizen', 'business', 'staff'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`account:kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {isAdmin && (
          <TextField
            id="users-agency"
            label={t('users.agency')}
            value={draft.agencyCode ?? ''}
            onChange={set('agencyCode')}
          />
        )}
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>

      <ErrorSummary error={update.error} />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <QueryError error={users.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={users.data.total} />
            <ExportCsvButton rows={users.data.items} columns={columns} fileBase="nguoi-dung" />
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('users.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.fullName')}</th>
                  <th scope="col">{t('users.kind')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.agency')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.createdAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td className="mono">{u.username}</td>
                    <td>{u.fullName}</td>
                    <td>{t(`account:kinds.${u.kind}`)}</td>
                    <td>{u.roles.map(roleName).join(', ')}</td>
                    <td className="mono">{u.agencyCode}</td>
                    <td>
                      <span className={`tag ${u.status === 'active' ? 'tag--green' : 'tag--red'}`}>
                        {t(`users.statuses.${u.status}`, { defaultValue: u.status })}
                      </span>
                    </td>
                    <td className="nowrap">{formatDateTime(u.createdAt, i18n.language)}</td>
                    <td>
                      {u.id !== me.data?.id && (
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          disabled={update.isPending}
                          onClick={() =>
                            update.mutate({ id: u.id, status: u.status === 'active' ? 'disabled' : 'active' })
                          }
                        >
                          {u.status === 'active' ? t('users.disable') : t('users.enable')}
                          <span className="visually-hidden"> {u.username}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
          />
        </>
      )}
    </>
  );
}
