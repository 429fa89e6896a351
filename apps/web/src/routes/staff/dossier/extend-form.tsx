import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExtendDossier } from '../../../features/dossiers/hooks';
import type { Dossier } from '../../../features/dossiers/types';
import {
  clientValidation,
  endOfWorkingDay,
  ErrorSummary,
  SubmitRow,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
} from '../../../features/ui';

/** Apology letter (Mẫu 04, Decree 61): a new return date and the reason, once per dossier. */
export function ExtendForm({ d }: { d: Dossier }) {
  const { t } = useTranslation('staff');
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<unknown>(null);
  const extend = useExtendDossier(d.code);
  const error = local ?? extend.error;
  const fields = useFieldErrors(error);
  if (d.extended) return <p className="muted">{t('extend.already')}</p>;
  if (!open)
    return (
      <>
        {extend.isSuccess && (
          <SuccessNotice>
            <p>{t('extend.done')}</p>
          </SuccessNotice>
        )}
        <button type="button" className="btn btn--secondary" onClick={() => setOpen(true)}>
          {t('extend.open')}
        </button>
      </>
    );
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ path: 'newDueAt', code: 'REQUIRED' });
    if (reason.trim().length < 5) problems.push({ path: 'reason', code: reason.trim() ? 'TOO_SMALL' : 'REQUIRED' });
    const err = clientValidation(problems);
    setLocal(err);
    if (err) return;
    extend.mutate({ newDueAt: endOfWorkingDay(date), reason: reason.trim() }, { onSuccess: () => setOpen(false) });
  }
  return (
    <form className="action-form" noValidate onSubmit={submit} aria-labelledby="extend-title">
      <h3 id="extend-title">{t('extend.title')}</h3>
      <p className="muted">{t('extend.intro')}</p>
      <ErrorSummary error={error} fieldIds={{ newDueAt: 'extend-date', reason: 'extend-reason' }} />
      <TextField
        id="extend-date"
        type="date"
        className="input--short"
        label={t('extend.newDueAt')}
        value={date}
        error={fields.newDueAt}
        onChange={(e) => setDate(e.target.value)}
      />
      <TextAreaField
        id="extend-reason"
        label={t('extend.reason')}
        value={reason}
        error={fields.reason}
        maxLength={4000}
        onChange={(e) => setReason(e.target.value)}
      />
      <SubmitRow label={t('extend.submit')} busy={extend.isPending}>
        <button className="btn btn--secondary" type="button" onClick={() => setOpen(false)}>
          {t('extend.cancel')}
        </button>
      </SubmitRow>
    </form>
  );
}
