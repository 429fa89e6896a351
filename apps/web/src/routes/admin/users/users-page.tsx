import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, useAdminUsers, useUpdateUser } from '../../../features/admin/hooks';
import type { CsvColumn } from '../../../features/csv/csv';
import { hasRole, ROLES, useMe } from '../../../features/identity';
import {
  type Column,
  ErrorSummary,
  FilterBar,
  formatDateTime,
  ListView,
  oneOf,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';
import { CreateUserForm } from './create-user-form';

const PAGE_SIZE = 25;
const KINDS = ['citizen', 'business', 'staff'] as const;

export default function UsersPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('users.title'));
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const list = useListParams({ q: '', role: '', kind: '', agencyCode: '' });
  const [creating, setCreating] = useState(false);
  const users = useAdminUsers({
    q: list.values.q || undefined,
    role: oneOf(ROLES, list.values.role),
    kind: oneOf(KINDS, list.values.kind),
    agencyCode: list.values.agencyCode || undefined,
    page: list.page,
    pageSize: PAGE_SIZE,
  });
  const update = useUpdateUser();
  const roleName = (r: string) => t(`roles.${r}`, { defaultValue: r });
  const statusName = (u: AdminUser) => t(`users.statuses.${u.status}`, { defaultValue: u.status });

  const csv: CsvColumn<AdminUser>[] = [
    { header: t('users.username'), value: (u) => u.username },
    { header: t('users.fullName'), value: (u) => u.fullName },
    { header: t('users.kind'), value: (u) => t(`account:kinds.${u.kind}`) },
    { header: t('users.roles'), value: (u) => u.roles.map(roleName) },
    { header: t('users.agency'), value: (u) => u.agencyCode },
    { header: t('users.email'), value: (u) => u.email },
    { header: t('users.status'), value: statusName },
    { header: t('users.totp'), value: (u) => (u.totpEnabled ? t('yes') : t('no')) },
    { header: t('users.createdAt'), value: (u) => u.createdAt },
  ];
  const columns: Column<AdminUser>[] = [
    { header: t('users.username'), className: 'mono', cell: (u) => u.username },
    { header: t('users.fullName'), cell: (u) => u.fullName },
    { header: t('users.kind'), cell: (u) => t(`account:kinds.${u.kind}`) },
    { header: t('users.roles'), cell: (u) => u.roles.map(roleName).join(', ') },
    { header: t('users.agency'), className: 'mono', cell: (u) => u.agencyCode },
    {
      header: t('users.status'),
      cell: (u) => <span className={`tag ${u.status === 'active' ? 'tag--green' : 'tag--red'}`}>{statusName(u)}</span>,
    },
    { header: t('users.createdAt'), className: 'nowrap', cell: (u) => formatDateTime(u.createdAt, i18n.language) },
    {
      header: t('actions'),
      action: true,
      cell: (u) =>
        u.id !== me.data?.id && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: u.id, status: u.status === 'active' ? 'disabled' : 'active' })}
          >
            {u.status === 'active' ? t('users.disable') : t('users.enable')}
            <span className="visually-hidden"> {u.username}</span>
          </button>
        ),
    },
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

      <FilterBar label={t('filter')} onSubmit={list.submit}>
        <TextField id="users-q" type="search" label={t('users.search')} {...list.field('q')} />
        <SelectField
          id="users-role"
          label={t('users.role')}
          {...list.field('role')}
          blank={t('all')}
          choices={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
        />
        <SelectField
          id="users-kind"
          label={t('users.kind')}
          {...list.field('kind')}
          blank={t('all')}
          choices={KINDS.map((k) => ({ value: k, label: t(`account:kinds.${k}`) }))}
        />
        {isAdmin && <TextField id="users-agency" label={t('users.agency')} {...list.field('agencyCode')} />}
      </FilterBar>

      <ErrorSummary error={update.error} />
      <ListView
        query={users}
        label={t('users.title')}
        columns={columns}
        csv={{ columns: csv, fileBase: 'nguoi-dung' }}
        onPage={list.setPage}
      />
    </>
  );
}
