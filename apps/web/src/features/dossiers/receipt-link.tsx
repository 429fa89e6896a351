import { useTranslation } from 'react-i18next';
import type { Dossier } from './types';

/**
 * Link to the receipt PDF (Giấy tiếp nhận và hẹn trả kết quả) when the dossier says it applies
 * (`printouts`). The PDF is built, and an official's download audited, only when it is clicked.
 */
export function ReceiptLink({ d, row }: { d: Pick<Dossier, 'code' | 'printouts'> | undefined; row?: boolean }) {
  const { t } = useTranslation('services');
  if (!d?.printouts.includes('receipt')) return null;
  const link = (
    <a className="btn btn--secondary" href={`/api/dossiers/${encodeURIComponent(d.code)}/receipt.pdf`} download>
      {t('submitted.receipt')}
    </a>
  );
  return row ? <div className="btn-row">{link}</div> : link;
}
