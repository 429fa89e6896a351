import { useTranslation } from 'react-i18next';
import type { Dossier } from './types';

/**
 * The one-stop forms that apply to the dossier now (`printouts`, decided by the server from its history):
 * the receipt (Mẫu 01), a supplement request (02), a refusal (03), an apology and extension (04), a stop notice
 * (05), the process control sheet (06). Each PDF is built, and an official's download audited, only when clicked.
 */
export function DossierForms({ d }: { d: Pick<Dossier, 'code' | 'printouts'> }) {
  const { t } = useTranslation('services');
  if (d.printouts.length === 0) return null;
  return (
    <section className="section" aria-labelledby="dossier-forms" data-testid="dossier-forms">
      <h2 id="dossier-forms">{t('forms.title')}</h2>
      <ul className="btn-row plain-list">
        {d.printouts.map((form) => (
          <li key={form}>
            <a className="btn btn--secondary" href={`/api/dossiers/${encodeURIComponent(d.code)}/${form}.pdf`} download>
              {t(`forms.${form}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
