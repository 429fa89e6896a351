import { useTranslation } from 'react-i18next';

/** Marks a required field: a visible asterisk, and "(bắt buộc)" for screen readers. */
export function RequiredMark() {
  const { t } = useTranslation('services');
  return (
    <>
      <span className="req" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="visually-hidden"> ({t('form.required')})</span>
    </>
  );
}
