import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DocFlags, SecondFactorNotice } from '../../../features/documents/components';
import { useBulkSign, useDocuments } from '../../../features/documents/hooks';
import { SignerFields } from '../../../features/documents/signer-fields';
import type { BulkSignBody } from '../../../features/documents/types';
import { passkeyConfirmation, SecondFactorConfirm, useSecondFactor } from '../../../features/identity';
import { useMySigningCertificates } from '../../../features/pki';
import {
  Breadcrumbs,
  clientValidation,
  ErrorSummary,
  SubmitRow,
  SuccessNotice,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

/**
 * Ký số hàng loạt: the leader ticks the documents he reviewed (each links to its page), confirms once
 * with his authenticator code or a passkey, and sees what happened to each one.
 */
export default function BulkSignPage() {
  const { t } = useTranslation('documents');
  usePageTitle(t('bulk.title'));
  const { me, canPasskey, noFactor } = useSecondFactor(true);
  const docs = useDocuments({ box: 'tasks', status: 'in_review', page: 1, pageSize: 100 });
  const bulk = useBulkSign();
  const { certs, usable } = useMySigningCertificates(me.data?.id);
  const stepUp = !!me.data && !noFactor && me.data.acr < 2;
  const [selected, setSelected] = useState<string[]>([]);
  const [signer, setSigner] = useState({ position: '', competence: '' });
  const [certificateId, setCertificateId] = useState('');
  const [otp, setOtp] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  // One key per list confirmed: a double click or a retry replays the first answer.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const error = localError ?? bulk.error;
  const fields = useFieldErrors(error);
  const items = docs.data?.items ?? [];
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  async function submit(e: FormEvent | null, withPasskey = false) {
    e?.preventDefault();
    setLocalError(null);
    const problems = [];
    if (selected.length === 0) problems.push({ path: 'documentIds', code: 'REQUIRED' });
    if (!signer.position.trim()) problems.push({ path: 'signerPosition', code: 'REQUIRED' });
    if (usable.length > 1 && !certificateId)
      problems.push({ path: 'certificateId', code: 'CERTIFICATE_CHOICE_REQUIRED' });
    if (!withPasskey && !/^\d{6}$/.test(otp)) problems.push({ path: 'otp', code: 'REQUIRED' });
    if (problems.length) return setLocalError(clientValidation(problems));
    const chosen = usable.length === 1 ? usable[0]!.id : certificateId;
    const body: BulkSignBody = {
      documentIds: selected,
      signerPosition: signer.position.trim(),
      ...(signer.competence.trim() ? { signerCompetence: signer.competence.trim() } : {}),
      ...(chosen ? { certificateId: chosen } : {}),
    };
    try {
      if (withPasskey) body.passkey = await passkeyConfirmation(`signature:${chosen}`);
      else body.otp = otp;
      await bulk.mutateAsync({ body, idempotencyKey: key });
      setSelected([]);
      setOtp('');
      setKey(crypto.randomUUID());
    } catch (err) {
      setLocalError(err);
    }
  }

  const results = bulk.data?.items;
  return (
    <>
      <Breadcrumbs trail={[{ to: '/staff/documents', label: t('list.title') }]} current={t('bulk.title')} />
      <h1>{t('bulk.title')}</h1>
      <p>{t('bulk.intro')}</p>
      {results && (
        <section className="section" aria-labelledby="bulk-results">
          <SuccessNotice>
            {t('bulk.summary', {
              signed: results.filter((r) => r.outcome !== 'failed').length,
              total: results.length,
            })}
          </SuccessNotice>
          <h2 id="bulk-results">{t('bulk.results')}</h2>
          <ul className="plain-list" data-testid="bulk-results">
            {results.map((r) => (
              <li key={r.id} data-outcome={r.outcome}>
                <Link to={`/staff/documents/${r.id}`}>{r.subject ?? r.id}</Link>:{' '}
                <strong>{t(`bulk.outcome.${r.outcome}`)}</strong>
                {r.code && (
                  <span className="muted"> ({t(`errors:${r.code}`, { defaultValue: r.detail ?? r.code })})</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(noFactor || stepUp) && <SecondFactorNotice stepUp={stepUp} />}
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <ErrorSummary
          error={error}
          fieldIds={{
            documentIds: 'bulk-docs',
            signerPosition: 'bulk-position',
            certificateId: 'bulk-certificate',
            otp: 'bulk-otp',
            passkey: 'bulk-passkey',
          }}
        />
        <fieldset
          id="bulk-docs"
          className="fieldset"
          aria-describedby={fields.documentIds ? 'bulk-docs-error' : undefined}
        >
          <legend>{t('bulk.documents')}</legend>
          {fields.documentIds && (
            <p id="bulk-docs-error" className="field-error">
              {fields.documentIds}
            </p>
          )}
          {docs.isSuccess && items.length === 0 && <p className="muted">{t('bulk.empty')}</p>}
          {items.length > 1 && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={selected.length === items.length}
                onChange={(e) => setSelected(e.target.checked ? items.map((d) => d.id) : [])}
              />{' '}
              {t('bulk.selectAll')}
            </label>
          )}
          {items.map((d) => (
            <div className="checkbox" key={d.id} data-document={d.id}>
              <input
                type="checkbox"
                id={`bulk-${d.id}`}
                checked={selected.includes(d.id)}
                onChange={() => toggle(d.id)}
              />{' '}
              <label htmlFor={`bulk-${d.id}`}>
                {d.typeName}: {d.subject} <DocFlags d={d} />
              </label>{' '}
              <Link to={`/staff/documents/${d.id}`} aria-label={`${t('bulk.review')}: ${d.subject}`}>
                {t('bulk.review')}
              </Link>
            </div>
          ))}
        </fieldset>
        {!noFactor && !stepUp && (
          <>
            <SignerFields
              idPrefix="bulk"
              signer={signer}
              onSigner={setSigner}
              usable={usable}
              loaded={certs.isSuccess}
              certificateId={certificateId}
              onCertificate={setCertificateId}
              fields={fields}
            />
            <SecondFactorConfirm
              idPrefix="bulk"
              ns="documents"
              keyPrefix="actionForm"
              passkeyLabel={t('bulk.submitPasskey', { count: selected.length })}
              canPasskey={canPasskey}
              showOtp={!!me.data?.totpEnabled}
              otp={otp}
              onOtp={setOtp}
              errors={fields}
              disabled={bulk.isPending}
              onPasskey={() => void submit(null, true)}
            />
            {me.data?.totpEnabled && (
              <SubmitRow label={t('bulk.submit', { count: selected.length })} busy={bulk.isPending} />
            )}
          </>
        )}
      </form>
    </>
  );
}
