import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { StatusTag } from '../../../features/dossiers/components';
import { useDossier } from '../../../features/dossiers/hooks';
import { QrImage } from '../../../features/qr/qr-image';
import { formatDate, SuccessNotice, usePageTitle } from '../../../features/ui';
import { ReceiptLink } from '../../../features/dossiers/receipt-link';
import { PayPrompt } from '../../../features/payments/pay-prompt';

/** The public tracking address of a dossier (what the QR code holds). */
export function trackingUrl(
  code: string,
  origin = typeof window === 'undefined' ? '' : window.location.origin,
): string {
  return `${origin}/track?code=${encodeURIComponent(code)}`;
}

/** After submission: the dossier code to keep, a QR code of the tracking page, what happens next. */
export function SubmittedPage() {
  const { t, i18n } = useTranslation('services');
  const { code = '' } = useParams();
  const state = useLocation().state as { result?: { dueAt?: string }; counter?: boolean } | null;
  // The submitter is logged in (the applicant, or the desk officer): the dossier itself, not public tracking.
  const pub = useDossier(code);
  usePageTitle(t('submitted.title'));
  const url = trackingUrl(code);
  const dueAt = pub.data?.dueAt ?? state?.result?.dueAt;
  return (
    <div className="page">
      <SuccessNotice>
        <h1>{t('submitted.title')}</h1>
        <p>{t('submitted.codeLabel')}</p>
        <p className="dossier-code" data-testid="dossier-code">
          {code}
        </p>
      </SuccessNotice>
      {!state?.counter && <PayPrompt code={code} to={`/my/dossiers/${encodeURIComponent(code)}#fees`} />}
      <dl className="summary">
        {pub.data && (
          <>
            <dt>{t('fields.procedure')}</dt>
            <dd>{pub.data.procedure.name}</dd>
            <dt>{t('fields.status')}</dt>
            <dd>
              <StatusTag statusCode={pub.data.statusCode} label={pub.data.statusLabel} />
            </dd>
          </>
        )}
        {dueAt && (
          <>
            <dt>{t('fields.dueAt')}</dt>
            <dd>{formatDate(dueAt, i18n.language)}</dd>
          </>
        )}
      </dl>
      <p>{state?.counter ? t('submitted.nextCounter') : t('submitted.next')}</p>
      <div className="qr-box">
        <QrImage text={url} label={t('submitted.qrLabel', { code })} size={180} />
        <p className="url-box">{url}</p>
      </div>
      <div className="btn-row">
        <Link
          className="btn"
          to={
            state?.counter ? `/staff/dossiers/${encodeURIComponent(code)}` : `/my/dossiers/${encodeURIComponent(code)}`
          }
        >
          {t('submitted.view')}
        </Link>
        <Link className="btn btn--secondary" to={`/track?code=${encodeURIComponent(code)}`}>
          {t('submitted.track')}
        </Link>
        <ReceiptLink d={pub.data} />
      </div>
    </div>
  );
}
