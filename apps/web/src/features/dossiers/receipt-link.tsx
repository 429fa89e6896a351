import { useTranslation } from 'react-i18next';
import type { Dossier } from './types';

/**
 * Link to the receipt PDF (Giấy tiếp nhận và hẹn trả kết quả) on the page shown after submitting, when the
 * dossier says it applies (`printouts`); the dossier pages list every form (`DossierForms`). The PDF is
 * built, and an official's download audited, only when it is clicked.
 */
export function ReceiptLink({ d }: { d: Pick<Dossier, 'code' | 'printouts'> | undefined }) {
  const { t } = useTranslation('services');
  if (!d?.printouts.includes('receipt')) return null;
  return (
    <a className="btn btn--secondary" href={`/api/dossiers/${encodeURIComponent(d.code)}/receipt.pdf`} download>
      {t('submitted.receipt')}
    </a>
  );
}
