import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../../features/identity';
import { type Certificate, CertificateStatus, commonName, downloadPem, useCertificates } from '../../../features/pki';
import type { CsvColumn } from '../../../features/csv/csv';
import { FilterBar, formatDateTime, ListView, SuccessNotice, TextField, usePageTitle } from '../../../features/ui';
import { IssueForm } from './issue-form';
import { RevokeForm } from './revoke-form';

const PAGE_SIZE = 20;

function CertificateCard({ c, onRevoked }: { c: Certificate; onRevoked: (c: Certificate) => void }) {
  const { t, i18n } = useTranslation('pki');
  const [revoking, setRevoking] = useState(false);
  const name = commonName(c);
  return (
    <li data-testid="agency-certificate">
      <h3>
        {name} <CertificateStatus certificate={c} />
      </h3>
      <dl className="summary">
        <dt>{t('fields.profile')}</dt>
        <dd>{t(`profiles.${c.profile}`)}</dd>
        <dt>{t('fields.owner')}</dt>
        <dd className="mono">{c.ownerAgencyCode}</dd>
        <dt>{t('fields.serial')}</dt>
        <dd className="mono wrap-anywhere">{c.serial}</dd>
        <dt>{t('fields.validTo')}</dt>
        <dd>{formatDateTime(c.notAfter, i18n.language)}</dd>
        <dt>{t('fields.key')}</dt>
        <dd>{t(c.keyHeld ? 'keyHeld.yes' : 'keyHeld.no')}</dd>
        {c.status === 'revoked' && (
          <>
            <dt>{t('fields.revokedAt')}</dt>
            <dd>
              {formatDateTime(c.revokedAt, i18n.language)}
              {c.revocationReason && ` — ${t(`reasons.${c.revocationReason}`)}`}
            </dd>
          </>
        )}
      </dl>
      {revoking ? (
        <RevokeForm
          certificate={c}
          onDone={(revoked) => {
            setRevoking(false);
            if (revoked) onRevoked(c);
          }}
        />
      ) : (
        <div className="btn-row">
          <button type="button" className="btn btn--secondary btn--small" onClick={() => downloadPem(c)}>
            {t('download')}
            <span className="visually-hidden"> {name}</span>
          </button>
          {c.status === 'active' && (
            <button type="button" className="btn btn--danger btn--small" onClick={() => setRevoking(true)}>
              {t('admin.revoke')}
              <span className="visually-hidden"> {name}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Certificates of an agency (person and seal): issue, download, revoke. */
export default function CertificatesPage() {
  const { t } = useTranslation('pki');
  usePageTitle(t('admin.title'));
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const ownAgency = me.data?.agencyCode ?? '';
  const [draft, setDraft] = useState(isAdmin ? 'H26' : ownAgency);
  const [agency, setAgency] = useState(draft);
  const [page, setPage] = useState(1);
  const [revoked, setRevoked] = useState<string | null>(null);
  const certs = useCertificates({ owner: agency || undefined, page, pageSize: PAGE_SIZE });

  function submit(e: FormEvent) {
    e.preventDefault();
    setAgency(draft.trim());
    setPage(1);
  }

  const columns: CsvColumn<Certificate>[] = [
    { header: t('fields.commonName'), value: (c) => commonName(c) },
    { header: t('fields.profile'), value: (c) => t(`profiles.${c.profile}`) },
    { header: t('fields.owner'), value: (c) => c.ownerAgencyCode },
    { header: t('fields.serial'), value: (c) => c.serial },
    { header: t('fields.validTo'), value: (c) => c.notAfter },
    { header: t('fields.status'), value: (c) => t(`statuses.${c.status}`) },
  ];

  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="notice pki-demo">{t('demoNotice')}</p>
      <FilterBar label={t('admin.agency')} submitLabel={t('admin.show')} onSubmit={submit}>
        <TextField
          id="pki-agency"
          label={t('admin.agency')}
          hint={isAdmin ? t('admin.agencyHint') : undefined}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoComplete="off"
        />
      </FilterBar>
      <IssueForm agencyCode={agency} />
      <h2>{t('admin.listTitle')}</h2>
      {revoked && <SuccessNotice>{t('admin.revoked', { name: revoked })}</SuccessNotice>}
      <ListView
        query={certs}
        label={t('admin.title')}
        empty={t('admin.empty')}
        csv={{ columns, fileBase: 'chung-thu-so' }}
        onPage={setPage}
      >
        {(items) => (
          <ul className="cert-list" aria-label={t('admin.title')}>
            {items.map((c) => (
              <CertificateCard key={c.id} c={c} onRevoked={(x) => setRevoked(commonName(x))} />
            ))}
          </ul>
        )}
      </ListView>
    </>
  );
}
