import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { urlAnswers } from '../api';

/** Link to the receipt PDF (Giấy tiếp nhận và hẹn trả kết quả) only when the server offers it. */
export function ReceiptLink({ code, row }: { code: string; row?: boolean }) {
  const { t } = useTranslation('services');
  const url = `/api/dossiers/${encodeURIComponent(code)}/receipt.pdf`;
  const ok = useQuery({ queryKey: ['receipt-available', code], queryFn: () => urlAnswers(url), staleTime: 60_000 });
  if (!ok.data) return null;
  const link = (
    <a className="btn btn--secondary" href={url} download>
      {t('submitted.receipt')}
    </a>
  );
  return row ? <div className="btn-row">{link}</div> : link;
}
