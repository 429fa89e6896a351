import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyNames } from '../../../features/directory/hooks';
import { useMe } from '../../../features/identity';
import { TextField, usePageTitle, vnDate } from '../../../features/ui';

/** Mẫu 07, the one-stop desk's register (sổ theo dõi hồ sơ) for a period: PDF, Excel and CSV downloads. */
export default function DossierRegisterPage() {
  const { t } = useTranslation('staff');
  usePageTitle(t('dossierRegister.title'));
  const me = useMe();
  const agency = me.data?.agencyCode ?? '';
  const agencyName = useAgencyNames(agency ? [agency] : []);
  const today = vnDate();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const href = (format: string) => `/api/dossier-register?${new URLSearchParams({ from, to, format }).toString()}`;
  return (
    <>
      <h1>{t('dossierRegister.title')}</h1>
      <p className="lead">{t('dossierRegister.intro')}</p>
      {agency && <p className="muted">{t('nav.scope', { agency: agencyName(agency) })}</p>}
      <div className="filters">
        <TextField
          id="register-from"
          type="date"
          label={t('dossierRegister.from')}
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          id="register-to"
          type="date"
          label={t('dossierRegister.to')}
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <div className="btn-row">
        {(['pdf', 'xlsx', 'csv'] as const).map((f) =>
          ok ? (
            <a key={f} className="btn btn--secondary" href={href(f)} download>
              {t(`dossierRegister.${f}`)}
            </a>
          ) : (
            <button key={f} type="button" className="btn btn--secondary" disabled>
              {t(`dossierRegister.${f}`)}
            </button>
          ),
        )}
      </div>
      <p className="muted">{t('dossierRegister.basis')}</p>
    </>
  );
}
