import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ActionPanel } from '../../../features/dossiers/action-panel';
import { DossierSections, DossierSummary } from '../../../features/dossiers/dossier-view';
import { useDossier } from '../../../features/dossiers/hooks';
import { hasRole, useMe } from '../../../features/identity';
import { useProcedure } from '../../../features/procedures/hooks';
import { Breadcrumbs, Loading, QueryError, usePageTitle } from '../../../features/ui';
import { DossierForms } from '../../../features/dossiers/dossier-forms';
import { ExtendForm } from './extend-form';
import { StaffFeePanel } from '../../../features/payments/staff-fee-panel';
import { RegistryCheckPanel } from '../../../features/registries';

/** An officer's view of a dossier: everything on it, and buttons for exactly the allowed actions. */
export default function StaffDossierPage() {
  const { t } = useTranslation('staff');
  const { code } = useParams();
  const me = useMe();
  const q = useDossier(code);
  const procedure = useProcedure(q.data?.procedure.code, q.data?.procedure.version);
  usePageTitle(t('dossier.title', { code: code ?? '' }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const mayExtend = hasRole(me.data, 'leader', 'specialist') && !!d.dueAt && !d.finishedAt;
  return (
    <>
      <Breadcrumbs trail={[{ to: '/staff/dossiers', label: t('inbox.title') }]} current={d.code} />
      <h1>
        {t('dossier.heading')} <span className="mono">{d.code}</span>
      </h1>
      <DossierSummary d={d} procedure={procedure.data} showApplicant />
      <ActionPanel d={d} workflow={procedure.data?.workflow} />
      <DossierForms d={d} />
      {mayExtend && (
        <section className="section" aria-labelledby="extend-section">
          <h2 id="extend-section">{t('extend.section')}</h2>
          <ExtendForm d={d} />
        </section>
      )}
      <StaffFeePanel code={d.code} />
      {hasRole(me.data, 'reception', 'specialist', 'leader') && !d.finishedAt && (
        <RegistryCheckPanel dossierCode={d.code} idNumber={d.applicant.idNumber} fullName={d.applicant.fullName} />
      )}
      <DossierSections d={d} procedure={procedure.data} />
    </>
  );
}
