import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, TextField } from '../ui';
import { useRegistryCheck } from './hooks';

const CLAIMS = ['fullName', 'dateOfBirth', 'permanentAddress'] as const;

/**
 * A desk officer checks the values on an applicant's document against the population registry for a
 * dossier (instead of a certified copy): the answer is match or not per field, never the data.
 */
export function RegistryCheckPanel({
  dossierCode,
  idNumber,
  fullName,
}: {
  dossierCode: string;
  idNumber: string | null;
  fullName: string;
}) {
  const { t } = useTranslation('registries');
  const [id, setId] = useState(idNumber ?? '');
  const [claims, setClaims] = useState<Record<string, string>>({ fullName, dateOfBirth: '', permanentAddress: '' });
  const check = useRegistryCheck();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(claims).filter(([, v]) => v.trim()));
    check.mutate({ idNumber: id.trim(), body: { dossierCode, claims: given } });
  }
  return (
    <section className="section" aria-labelledby="registry-check">
      <h2 id="registry-check">{t('check.title')}</h2>
      <p className="muted">{t('check.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary error={check.error} />
        <TextField
          id="check-idNumber"
          label={t('check.idNumber')}
          className="input--short"
          inputMode="numeric"
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        {CLAIMS.map((c) => (
          <TextField
            key={c}
            id={`check-${c}`}
            type={c === 'dateOfBirth' ? 'date' : 'text'}
            className={c === 'dateOfBirth' ? 'input--short' : undefined}
            label={t(`check.${c}`)}
            value={claims[c] ?? ''}
            onChange={(e) => setClaims({ ...claims, [c]: e.target.value })}
          />
        ))}
        <div className="btn-row">
          <button className="btn btn--secondary" type="submit" disabled={check.isPending}>
            {t('check.submit')}
          </button>
        </div>
      </form>
      {check.data && (
        <div className="notice" role="status" data-testid="registry-check-result">
          <h3>{t('check.result')}</h3>
          {!check.data.found ? (
            <p>{t('check.notFound')}</p>
          ) : (
            <ul>
              {Object.entries(check.data.matches).map(([f, ok]) => (
                <li key={f}>
                  {t(`check.${f}`, { defaultValue: f })}:{' '}
                  <span className={`tag ${ok ? 'tag--green' : 'tag--red'}`}>
                    {ok ? t('check.match') : t('check.mismatch')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
