import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SelectField, useFocusOnMount } from '../ui';
import { REVOCATION_REASONS, type RevocationReason } from './types';

/**
 * Revoke one certificate with an RFC 5280 reason, after an explicit confirmation: the form the PKI's
 * certificate list and the gateway's subsystem page share (each brings its own texts and mutation).
 */
export function RevocationForm({
  formId,
  title,
  warning,
  submitLabel,
  cancelLabel,
  initialReason,
  pending,
  error,
  onRevoke,
  onCancel,
}: {
  formId: string;
  title: string;
  warning: string;
  submitLabel: string;
  cancelLabel: string;
  initialReason: RevocationReason;
  pending: boolean;
  error: unknown;
  onRevoke: (reason: RevocationReason) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('pki');
  const [reason, setReason] = useState<RevocationReason>(initialReason);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  function submit(e: FormEvent) {
    e.preventDefault();
    onRevoke(reason);
  }
  return (
    <form className="form notice notice--warning" onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <p>{warning}</p>
      <ErrorSummary error={error} />
      <SelectField
        id={`${formId}-reason`}
        label={t('fields.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value as RevocationReason)}
        choices={REVOCATION_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
      />
      <div className="btn-row">
        <button className="btn btn--danger" type="submit" disabled={pending}>
          {submitLabel}
        </button>
        <button className="btn btn--secondary" type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
