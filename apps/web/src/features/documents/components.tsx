import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './errors-i18n';
import type { DocumentListItem } from './types';

const TONE: Record<string, string> = {
  draft: '',
  in_review: 'tag--yellow',
  to_sign: 'tag--yellow',
  returned: 'tag--red',
  signed: 'tag--yellow',
  issued: 'tag--green',
  sent: 'tag--green',
  arrived: 'tag--yellow',
  registered: '',
  rejected: 'tag--red',
  assigned: '',
  in_progress: 'tag--yellow',
  completed: 'tag--green',
  revoked: 'tag--grey',
  replaced: 'tag--grey',
};

export function DocStatus({ status }: { status: string }) {
  const { t } = useTranslation('documents');
  return <span className={`tag ${TONE[status] ?? ''}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

/** Urgency and lateness: colour, a symbol and words (never colour alone). */
export function DocFlags({ d }: { d: Pick<DocumentListItem, 'urgency' | 'secrecy' | 'overdue'> }) {
  const { t } = useTranslation('documents');
  return (
    <>
      {d.urgency !== 'normal' && (
        <span className="tag tag--red" data-urgency={d.urgency}>
          <span aria-hidden="true">⚡ </span>
          {t(`urgency.${d.urgency}`)}
        </span>
      )}{' '}
      {d.secrecy !== 'none' && <span className="tag tag--grey">{t(`secrecy.${d.secrecy}`)}</span>}{' '}
      {d.overdue && (
        <span className="tag tag--red" data-deadline="overdue">
          <span aria-hidden="true">⚠ </span>
          {t('flags.overdue')}
        </span>
      )}
    </>
  );
}

export const splitCodes = (s: string) =>
  s
    .split(/[,;\s]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

/**
 * What a leader without a second factor must do before he can sign: the code field would only fail,
 * so it is replaced by the way to turn two-step verification on. `stepUp`: it is on, but this session
 * was opened without it.
 */
export function SecondFactorNotice({ stepUp = false }: { stepUp?: boolean }) {
  const { t } = useTranslation('documents');
  return (
    <div className="notice notice--warning" role="status" data-testid="second-factor-notice">
      {stepUp ? (
        <p>{t('actionForm.stepUp')}</p>
      ) : (
        <>
          <p>{t('actionForm.noSecondFactor')}</p>
          <p>
            <Link to="/account#totp-title">{t('actionForm.noSecondFactorLink')}</Link>.{' '}
            {t('actionForm.noSecondFactorAfter')}
          </p>
        </>
      )}
    </div>
  );
}
