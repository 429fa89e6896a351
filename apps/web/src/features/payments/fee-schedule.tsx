import { useTranslation } from 'react-i18next';
import { formatVnd } from '../procedures/money';
import type { Fees } from './types';

/**
 * The procedure's published fee table beside what this dossier owes: the counter and online rates,
 * the one that applies to the dossier's channel, and the lines charged (an officer may have changed
 * them; the difference is said, never hidden). Applicant and officer read the same table.
 */
export function FeeSchedule({ fees: f }: { fees: Fees }) {
  const { t } = useTranslation('payments');
  const charged = new Map(f.lines.map((l) => [l.label, l.amount]));
  const extra = f.lines.filter((l) => !f.schedule.lines.some((s) => s.label === l.label));
  const adjusted =
    f.status !== 'none' &&
    (f.amount !== f.schedule.total || f.schedule.lines.some((s) => (charged.get(s.label) ?? 0) !== s.applied));
  const rate = (n: number, counter: number) => (n === 0 && counter > 0 ? t('schedule.waived') : formatVnd(n));
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('schedule.caption')}>
        <table data-testid="fee-schedule">
          <caption>{t('schedule.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fees.line')}</th>
              <th scope="col">{t('schedule.rates')}</th>
              <th scope="col" className="num">
                {t('schedule.charged')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.schedule.lines.map((s, i) => (
              <tr key={`s${i}`}>
                <th scope="row" className="cell-text">
                  {s.label}
                  {s.note && <span className="muted small block">{s.note}</span>}
                </th>
                <td>
                  <span className={`block${f.schedule.online && s.onlineAmount !== null ? ' muted' : ''}`}>
                    {s.onlineAmount === null
                      ? formatVnd(s.amount)
                      : `${t('schedule.counterShort')}: ${formatVnd(s.amount)}`}
                  </span>
                  {s.onlineAmount !== null && (
                    <span className={`block${f.schedule.online ? '' : ' muted'}`}>
                      {t('schedule.onlineShort')}: {rate(s.onlineAmount, s.amount)}
                    </span>
                  )}
                </td>
                <td className="num nowrap">
                  <strong>{formatVnd(charged.get(s.label) ?? 0)}</strong>
                </td>
              </tr>
            ))}
            {extra.map((l, i) => (
              <tr key={`x${i}`}>
                <th scope="row" className="cell-text">
                  {l.label}
                  <span className="muted small block">{t('schedule.notInSchedule')}</span>
                </th>
                <td>—</td>
                <td className="num nowrap">
                  <strong>{formatVnd(l.amount)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('fees.total')}</th>
              <td className="nowrap">{formatVnd(f.schedule.total)}</td>
              <td className="num nowrap" data-testid="fee-total">
                <strong>{formatVnd(f.amount)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small">{f.schedule.online ? t('schedule.channelOnline') : t('schedule.channelCounter')}</p>
      {adjusted && (
        <p className="notice" data-testid="fee-adjusted">
          {t('schedule.adjusted')}
        </p>
      )}
    </>
  );
}
