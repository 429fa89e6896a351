import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClaimDossier } from '../../../features/dossiers/hooks';
import { ErrorSummary, SuccessNotice, TextField, useFieldErrors } from '../../../features/ui';

/**
 * "Nhận hồ sơ nộp tại quầy": a dossier filed at the desk for my ID number joins my list with the
 * claim code printed on its receipt (Giấy tiếp nhận), even before my identity is verified.
 */
export function ClaimSection() {
  const { t } = useTranslation('services');
  const claim = useClaimDossier();
  const [code, setCode] = useState('');
  const [claimCode, setClaimCode] = useState('');
  const fields = useFieldErrors(claim.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    claim.mutate({ code: code.trim().toUpperCase(), claimCode: claimCode.trim() });
  }
  return (
    <section className="section" aria-labelledby="claim-title">
      <h2 id="claim-title">{t('claim.title')}</h2>
      <p>{t('claim.intro')}</p>
      {claim.isSuccess && (
        <SuccessNotice>
          <p>{t('claim.done', { code: claim.data.code })}</p>
        </SuccessNotice>
      )}
      <ErrorSummary error={claim.error} />
      <form onSubmit={submit} className="form" noValidate>
        <TextField
          id="claim-code"
          label={t('claim.code')}
          hint={t('claim.codeHint')}
          autoComplete="off"
          value={code}
          error={fields.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <TextField
          id="claim-claimCode"
          label={t('claim.claimCode')}
          hint={t('claim.claimCodeHint')}
          className="input--short"
          autoComplete="off"
          value={claimCode}
          error={fields.claimCode}
          onChange={(e) => setClaimCode(e.target.value)}
        />
        <button className="btn btn--secondary" type="submit" disabled={claim.isPending}>
          {t('claim.button')}
        </button>
      </form>
    </section>
  );
}
