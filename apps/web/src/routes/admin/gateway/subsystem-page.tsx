import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type GatewayTlsCertificate,
  saveText,
  useGatewaySubsystems,
  useIssueSubsystemCertificate,
  useRevokeSubsystemCertificate,
  useSubsystemCertificates,
} from '../../../features/gateway';
import { CertificateStatus, RevocationForm } from '../../../features/pki';
import {
  Breadcrumbs,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  formatDateTime,
  ListView,
  SuccessNotice,
  TextAreaField,
  useFocusOnMount,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

type Issued = NonNullable<ReturnType<typeof useIssueSubsystemCertificate>['data']>;

const MAX_CSR_BYTES = 32 * 1024;
const fileBase = (subsystemId: string, serial: string) =>
  `${subsystemId.replace(/^VN:GOV:/, '').replace(/[^A-Za-z0-9.-]+/g, '-')}-${serial.slice(0, 16)}`;

/** What was just issued: the files to save, the key only this once. */
function IssuedPanel({ subsystemId, issued, onClose }: { subsystemId: string; issued: Issued; onClose: () => void }) {
  const { t } = useTranslation('gateway');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const base = fileBase(subsystemId, issued.certificate.serial);
  return (
    <section
      className={`notice ${issued.privateKeyPem ? 'notice--warning' : 'notice--success'}`}
      aria-labelledby="gw-issued-title"
      data-testid="gateway-cert-issued"
    >
      <h2 id="gw-issued-title" tabIndex={-1} ref={heading}>
        {t('certificates.issuedTitle', { serial: issued.certificate.serial })}
      </h2>
      <p>{issued.privateKeyPem ? t('certificates.keyOnce') : t('certificates.fromCsr')}</p>
      <div className="btn-row">
        {issued.privateKeyPem && (
          <button type="button" className="btn" onClick={() => saveText(issued.privateKeyPem!, `${base}.key`)}>
            {t('certificates.downloadKey')}
          </button>
        )}
        <button
          type="button"
          className={issued.privateKeyPem ? 'btn btn--secondary' : 'btn'}
          onClick={() => saveText(issued.certificate.pem, `${base}.pem`)}
        >
          {t('certificates.downloadCert')}
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() => saveText(issued.chainPem, `${base}-chuoi-ca.pem`)}
        >
          {t('certificates.downloadChain')}
        </button>
      </div>
      <p className="hint">{t('certificates.howToUse')}</p>
      <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>
        {issued.privateKeyPem ? t('certificates.savedClose') : t('certificates.close')}
      </button>
    </section>
  );
}

/** Issue a certificate: with a key made on the server (answered once), or from the system's own CSR. */
function IssueForm({ subsystemId, onIssued }: { subsystemId: string; onIssued: (r: Issued) => void }) {
  const { t } = useTranslation('gateway');
  const issue = useIssueSubsystemCertificate(subsystemId);
  const [mode, setMode] = useState<'server' | 'csr'>('server');
  const { draft, setDraft, field, error, check } = useFormDraft({ csr: '' }, issue.error);
  const { csr } = draft;
  // One key per intended certificate: a double click or a retry answers the same one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (!check(file.size > MAX_CSR_BYTES ? [{ path: 'csr', code: 'CSR_FILE_TOO_LARGE' }] : [])) return;
    setDraft({ csr: await file.text() });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = mode === 'csr' && !/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(csr);
    if (!check(invalid ? [{ path: 'csr', code: csr.trim() ? 'INVALID_CSR' : 'REQUIRED' }] : [])) return;
    issue.mutate(
      { csr: mode === 'csr' ? csr.trim() : undefined, idempotencyKey },
      {
        onSuccess: (r) => {
          onIssued(r);
          setDraft({ csr: '' });
          setIdempotencyKey(crypto.randomUUID());
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby="gw-issue-title">
      <h2 id="gw-issue-title">{t('certificates.issueTitle')}</h2>
      <p>{t('certificates.issueIntro')}</p>
      <ErrorSummary error={error} fieldIds={{ csr: 'gw-csr' }} />
      <form className="form" onSubmit={submit} noValidate data-testid="gateway-cert-form">
        <ChoiceGroup
          id="gw-cert-mode"
          legend={t('certificates.mode')}
          type="radio"
          value={mode}
          choices={(['server', 'csr'] as const).map((m) => ({ value: m, label: t(`certificates.modes.${m}`) }))}
          onChange={(v) => setMode(v[0] ?? 'server')}
        />
        {mode === 'csr' && (
          <>
            <TextAreaField
              id="gw-csr"
              label={t('certificates.csr')}
              hint={t('certificates.csrHint')}
              {...field('csr')}
              rows={8}
              className="textarea mono"
              spellCheck={false}
            />
            <FileField
              id="gw-csr-file"
              label={t('certificates.csrFile')}
              accept=".csr,.pem,.req,application/pkcs10"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </>
        )}
        <button className="btn" type="submit" disabled={issue.isPending}>
          {t('certificates.issue')}
        </button>
      </form>
    </section>
  );
}

/** Revoke after an explicit confirmation, with an RFC 5280 reason; the mutual-TLS listener refuses it at once. */
function RevokeConfirm({
  subsystemId,
  certificate,
  onDone,
}: {
  subsystemId: string;
  certificate: GatewayTlsCertificate;
  onDone: (revoked: boolean) => void;
}) {
  const { t } = useTranslation('gateway');
  const revoke = useRevokeSubsystemCertificate(subsystemId);
  return (
    <RevocationForm
      formId={`gw-revoke-${certificate.id}`}
      title={t('certificates.revokeTitle', { serial: certificate.serial })}
      warning={t('certificates.revokeWarning')}
      submitLabel={t('certificates.revokeConfirm')}
      cancelLabel={t('certificates.cancel')}
      initialReason="superseded"
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={(reason) => revoke.mutate({ id: certificate.id, reason }, { onSuccess: () => onDone(true) })}
      onCancel={() => onDone(false)}
    />
  );
}

function CertificateCard({
  subsystemId,
  c,
  onRevoked,
}: {
  subsystemId: string;
  c: GatewayTlsCertificate;
  onRevoked: (c: GatewayTlsCertificate) => void;
}) {
  const { t, i18n } = useTranslation('gateway');
  const [revoking, setRevoking] = useState(false);
  return (
    <li data-testid="gateway-cert">
      <h3>
        <span className="mono wrap-anywhere">{c.serial}</span> <CertificateStatus certificate={c} />
      </h3>
      <dl className="summary">
        <dt>{t('certificates.validity')}</dt>
        <dd>
          {t('certificates.validRange', {
            from: formatDateTime(c.notBefore, i18n.language),
            to: formatDateTime(c.notAfter, i18n.language),
          })}
        </dd>
        <dt>{t('certificates.key')}</dt>
        <dd className="mono">{c.keyAlgorithm}</dd>
        <dt>{t('certificates.fingerprint')}</dt>
        <dd className="mono wrap-anywhere">{c.fingerprint}</dd>
        {c.revokedAt && (
          <>
            <dt>{t('certificates.revokedAt')}</dt>
            <dd>{formatDateTime(c.revokedAt, i18n.language)}</dd>
          </>
        )}
      </dl>
      {revoking ? (
        <RevokeConfirm
          subsystemId={subsystemId}
          certificate={c}
          onDone={(revoked) => {
            setRevoking(false);
            if (revoked) onRevoked(c);
          }}
        />
      ) : (
        <div className="btn-row">
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => saveText(c.pem, `${fileBase(subsystemId, c.serial)}.pem`)}
          >
            {t('certificates.downloadCert')}
            <span className="visually-hidden"> {c.serial}</span>
          </button>
          {c.status === 'active' && (
            <button type="button" className="btn btn--danger btn--small" onClick={() => setRevoking(true)}>
              {t('certificates.revoke')}
              <span className="visually-hidden"> {c.serial}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * One subsystem of a member, for its administrator: the TLS client certificates with which it calls
 * the gateway's mutual-TLS listener (ADR 0026 addendum) — issue one, save it, revoke one.
 */
export default function GatewaySubsystemPage() {
  const { t } = useTranslation('gateway');
  const id = decodeURIComponent(useParams().id ?? '');
  const subsystems = useGatewaySubsystems();
  const subsystem = subsystems.data?.items.find((s) => s.id === id);
  const title = subsystem?.name ?? id;
  usePageTitle(title);
  const certs = useSubsystemCertificates(id);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <>
      <Breadcrumbs trail={[{ to: '/admin/gateway/subsystems', label: t('subsystems.title') }]} current={title} />
      <h1>{title}</h1>
      <p>
        <code>{id}</code>
      </p>
      <section className="section" aria-labelledby="gw-certs-title">
        <h2 id="gw-certs-title">{t('certificates.title')}</h2>
        <p>{t('certificates.intro')}</p>
        {revoked && <SuccessNotice>{t('certificates.revoked', { serial: revoked })}</SuccessNotice>}
        <ListView query={certs} label={t('certificates.title')} empty={t('certificates.empty')} showCount={false}>
          {(items) => (
            <ul className="cert-list" aria-label={t('certificates.title')}>
              {items.map((c) => (
                <CertificateCard key={c.id} subsystemId={id} c={c} onRevoked={(x) => setRevoked(x.serial)} />
              ))}
            </ul>
          )}
        </ListView>
      </section>
      {issued ? (
        <IssuedPanel subsystemId={id} issued={issued} onClose={() => setIssued(null)} />
      ) : (
        !certs.isError && (
          <IssueForm
            subsystemId={id}
            onIssued={(r) => {
              setRevoked(null);
              setIssued(r);
            }}
          />
        )
      )}
    </>
  );
}
