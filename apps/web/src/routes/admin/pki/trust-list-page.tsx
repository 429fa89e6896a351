import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { hasRole, useMe } from '../../../features/identity';
import {
  commonName,
  formatFingerprint,
  readCertificateFile,
  type TrustAnchor,
  useImportTrustAnchor,
  useRemoveTrustAnchor,
  useTrustAnchors,
} from '../../../features/pki';
import {
  ChoiceGroup,
  ErrorSummary,
  FileField,
  formatDateTime,
  ListView,
  SuccessNotice,
  TextAreaField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

function ImportForm() {
  const { t } = useTranslation('pki');
  const importAnchor = useImportTrustAnchor();
  const [file, setFile] = useState<File | null>(null);
  const { draft, setDraft, field, error, fe, check } = useFormDraft({ pem: '' }, importAnchor.error);
  const [category, setCategory] = useState<'government' | 'public'>('public');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const certificate = file ? await readCertificateFile(file) : draft.pem.trim();
    if (!check(certificate ? [] : [{ path: 'certificate', code: 'REQUIRED' }])) return;
    importAnchor.mutate(
      { certificate, category },
      {
        onSuccess: () => {
          setDraft({ pem: '' });
          setFile(null);
          (e.target as HTMLFormElement).reset();
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby="ta-import-title">
      <h2 id="ta-import-title">{t('trust.importTitle')}</h2>
      {importAnchor.data && (
        <SuccessNotice>{t('trust.added', { subject: commonName(importAnchor.data) })}</SuccessNotice>
      )}
      <ErrorSummary error={error} fieldIds={{ certificate: 'ta-file' }} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <FileField
          id="ta-file"
          label={t('trust.file')}
          hint={t('trust.fileHint')}
          error={fe.certificate}
          accept=".crt,.cer,.pem,.der"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <TextAreaField id="ta-pem" label={t('trust.pem')} rows={4} {...field('pem')} />
        <ChoiceGroup
          id="ta-category"
          legend={t('trust.category')}
          type="radio"
          value={category}
          choices={(['public', 'government'] as const).map((c) => ({ value: c, label: t(`trust.categories.${c}`) }))}
          onChange={(v) => setCategory(v[0] ?? 'public')}
        />
        <button className="btn" type="submit" disabled={importAnchor.isPending}>
          {t('trust.submit')}
        </button>
      </form>
    </section>
  );
}

/** The trust list (danh sách tin cậy): list for administrators; import and remove for the platform admin. */
export default function TrustListPage() {
  const { t, i18n } = useTranslation('pki');
  usePageTitle(t('trust.title'));
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const anchors = useTrustAnchors();
  const remove = useRemoveTrustAnchor();
  const csv: CsvColumn<TrustAnchor>[] = [
    { header: t('fields.subject'), value: (a) => a.subject },
    { header: t('trust.category'), value: (a) => t(`trust.categories.${a.category}`) },
    { header: t('fields.validTo'), value: (a) => a.notAfter },
    { header: t('fields.fingerprint'), value: (a) => formatFingerprint(a.fingerprint) },
  ];
  return (
    <>
      <h1>{t('trust.title')}</h1>
      <p>{t('trust.intro')}</p>
      <ErrorSummary error={remove.error} />
      <ListView
        query={anchors}
        label={t('trust.title')}
        empty={t('trust.empty')}
        csv={{ columns: csv, fileBase: 'danh-sach-tin-cay' }}
      >
        {(items) => (
          <ul className="cert-list" aria-label={t('trust.title')}>
            {items.map((a) => (
              <li key={a.id} data-testid="trust-anchor">
                <h2>{commonName(a)}</h2>
                <p>
                  <span className={`tag ${a.category === 'government' ? 'tag--red' : 'tag--yellow'}`}>
                    {t(`trust.categories.${a.category}`)}
                  </span>{' '}
                  <span className="tag tag--grey">{t(a.own ? 'trust.own' : 'trust.imported')}</span>
                </p>
                <dl className="summary">
                  <dt>{t('fields.subject')}</dt>
                  <dd className="wrap-anywhere">{a.subject}</dd>
                  <dt>{t('fields.validTo')}</dt>
                  <dd>{formatDateTime(a.notAfter, i18n.language)}</dd>
                  <dt>{t('fields.fingerprint')}</dt>
                  <dd className="mono wrap-anywhere">{formatFingerprint(a.fingerprint)}</dd>
                </dl>
                {isAdmin && !a.own && (
                  <button
                    type="button"
                    className="btn btn--danger btn--small"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('trust.confirmRemove', { name: commonName(a) }))) remove.mutate(a.id);
                    }}
                  >
                    {t('trust.remove')}
                    <span className="visually-hidden"> {commonName(a)}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </ListView>
      {isAdmin && <ImportForm />}
    </>
  );
}
