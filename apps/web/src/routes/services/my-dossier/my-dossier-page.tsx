import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ActionPanel } from '../../../features/dossiers/action-panel';
import { DossierSections, DossierSummary } from '../../../features/dossiers/dossier-view';
import { useDossier } from '../../../features/dossiers/hooks';
import { useProcedure } from '../../../features/procedures/hooks';
import { Breadcrumbs, Loading, QueryError, usePageTitle } from '../../../features/ui';
import { DossierForms } from '../../../features/dossiers/dossier-forms';
import { PaymentPanel } from '../../../features/payments/payment-panel';
import { PayPrompt } from '../../../features/payments/pay-prompt';

/** A citizen's dossier: status, timeline, files, result, and what they can do (withdraw, resubmit). */
export function MyDossierPage() {
  const { t } = useTranslation('services');
  const { code } = useParams();
  const q = useDossier(code);
  const procedure = useProcedure(q.data?.procedure.code, q.data?.procedure.version);
  usePageTitle(t('dossier.title', { code: code ?? '' }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: '/my/dossiers', label: t('my.title') }]} current={d.code} />
      <h1>
        {t('dossier.heading')} <span className="mono">{d.code}</span>
      </h1>
      <PayPrompt code={d.code} />
      <DossierSummary d={d} procedure={procedure.data} />
      {d.status === 'supplement_requested' && (
        <div className="notice notice--warning">{t('dossier.supplementNotice')}</div>
      )}
      <ActionPanel d={d} workflow={procedure.data?.workflow} />
      <DossierForms d={d} />
      <PaymentPanel code={d.code} />
      <DossierSections d={d} procedure={procedure.data} />
    </div>
  );
}
