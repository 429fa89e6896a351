import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type GatewaySubsystem, useGatewaySubsystems, useRegisterSubsystem } from '../../../features/gateway';
import { useMe } from '../../../features/identity';
import {
  blankFields,
  type Column,
  ErrorSummary,
  formatDateTime,
  ListView,
  SuccessNotice,
  TextField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

function RegisterForm() {
  const { t } = useTranslation('gateway');
  const me = useMe();
  const register = useRegisterSubsystem();
  const empty = {
    agencyCode: me.data?.agencyCode ?? '',
    code: '',
    name: '',
    oauthClientId: '',
    rate: '60',
    quota: '10000',
  };
  const { draft, setDraft, field, error, check } = useFormDraft(empty, register.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!check(blankFields(draft, ['agencyCode', 'code', 'name']))) return;
    register.mutate(
      {
        agencyCode: draft.agencyCode.trim().toUpperCase(),
        code: draft.code.trim(),
        name: draft.name.trim(),
        oauthClientId: draft.oauthClientId.trim() || null,
        ratePerMinute: Number(draft.rate) || 60,
        quotaPerDay: Number(draft.quota) || 10_000,
      },
      { onSuccess: () => setDraft(empty) },
    );
  }

  return (
    <section className="section" aria-labelledby="gw-register-title">
      <h2 id="gw-register-title">{t('subsystems.registerTitle')}</h2>
      {register.data && <SuccessNotice>{t('subsystems.registered', { id: register.data.id })}</SuccessNotice>}
      <ErrorSummary
        error={error}
        fieldIds={{
          agencyCode: 'gw-agency',
          code: 'gw-code',
          name: 'gw-name',
          oauthClientId: 'gw-oauth',
          ratePerMinute: 'gw-rate',
          quotaPerDay: 'gw-quota',
        }}
      />
      <form className="form" onSubmit={submit} noValidate>
        <TextField id="gw-agency" label={t('subsystems.agencyCode')} {...field('agencyCode')} />
        <TextField
          id="gw-code"
          label={t('subsystems.code')}
          hint={t('subsystems.codeHint')}
          {...field('code')}
          autoComplete="off"
        />
        <TextField id="gw-name" label={t('subsystems.name')} {...field('name')} />
        <TextField
          id="gw-oauth"
          label={t('subsystems.oauthClientId')}
          hint={t('subsystems.oauthClientIdHint')}
          {...field('oauthClientId')}
          autoComplete="off"
        />
        <TextField
          id="gw-rate"
          label={t('subsystems.ratePerMinute')}
          type="number"
          inputMode="numeric"
          min={1}
          {...field('rate', 'ratePerMinute')}
        />
        <TextField
          id="gw-quota"
          label={t('subsystems.quotaPerDay')}
          type="number"
          inputMode="numeric"
          min={1}
          {...field('quota', 'quotaPerDay')}
        />
        <button className="btn" type="submit" disabled={register.isPending}>
          {t('subsystems.submit')}
        </button>
      </form>
    </section>
  );
}

/** The information systems of the members the administrator manages, with their limits. */
export default function GatewaySubsystemsPage() {
  const { t, i18n } = useTranslation('gateway');
  usePageTitle(t('subsystems.title'));
  const subsystems = useGatewaySubsystems();
  const columns: Column<GatewaySubsystem>[] = [
    {
      header: t('subsystems.id'),
      cell: (s) => (
        <>
          <Link to={`/admin/gateway/subsystems/${encodeURIComponent(s.id)}`}>
            <code>{s.id}</code>
          </Link>
          <br />
          {s.name}
          <br />
          <span className="muted">{formatDateTime(s.createdAt, i18n.language)}</span>
        </>
      ),
    },
    { header: t('subsystems.oauthClientId'), cell: (s) => (s.oauthClientId ? <code>{s.oauthClientId}</code> : '—') },
    {
      header: `${t('subsystems.ratePerMinute')} · ${t('subsystems.quotaPerDay')}`,
      className: 'nowrap',
      cell: (s) =>
        t('subsystems.limits', { rate: s.ratePerMinute, quota: s.quotaPerDay.toLocaleString(i18n.language) }),
    },
  ];
  return (
    <>
      <h1>{t('subsystems.title')}</h1>
      <p>{t('subsystems.intro')}</p>
      <ListView
        query={{ ...subsystems, data: subsystems.data }}
        label={t('subsystems.title')}
        empty={t('subsystems.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'gateway-subsystem-row' })}
      />
      <RegisterForm />
    </>
  );
}
