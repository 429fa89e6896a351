import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatVnd } from '../procedures/money';
import { useFees } from './hooks';

/**
 * "Thanh toán ngay": where a fee is due and the applicant may pay, said first on the page (before
 * any other action), with a button to the payment form. Nothing when nothing is to be paid.
 */
export function PayPrompt({ code, to }: { code: string; to?: string }) {
  const { t } = useTranslation('payments');
  const fees = useFees(code);
  const f = fees.data;
  if (!f?.mayPay) return null;
  const target = to ?? '#fees';
  const button = t('prompt.payNow');
  return (
    <div
      className="notice notice--warning pay-prompt"
      role="region"
      aria-labelledby="pay-prompt-title"
      data-testid="pay-prompt"
    >
      <h2 id="pay-prompt-title" className="pay-prompt__title">
        {t('prompt.title')}
      </h2>
      <p>
        {t('prompt.due', { amount: formatVnd(f.amount) })}{' '}
        {f.collection === 'before' ? t('prompt.before') : t('prompt.after')}
      </p>
      <p className="btn-row">
        {target.startsWith('#') ? (
          <a
            className="btn"
            href={target}
            onClick={(e) => {
              const el = document.getElementById(target.slice(1));
              if (!el) return;
              e.preventDefault();
              el.scrollIntoView({ block: 'start' });
              el.querySelector<HTMLElement>('input, button')?.focus({ preventScroll: true });
            }}
          >
            {button}
          </a>
        ) : (
          <Link className="btn" to={target}>
            {button}
          </Link>
        )}
      </p>
    </div>
  );
}
