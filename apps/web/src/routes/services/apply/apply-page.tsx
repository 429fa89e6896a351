import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { fileInfo } from '../../../features/api';
import { useDraft } from '../../../features/dossiers/hooks';
import { prefillFromAccount } from '../../../features/forms/values';
import { useMe } from '../../../features/identity';
import { useProcedure } from '../../../features/procedures/hooks';
import { isOnline } from '../../../features/procedures/types';
import { Breadcrumbs, Loading, QueryError, usePageTitle } from '../../../features/ui';
import { ApplicationForm, type ApplicationStart } from '../../../features/dossiers/application-form';
import type { AttachedFile } from '../../../features/dossiers/document-upload';

/** The draft's attachments with their file names (drafts keep only the ids). */
function useDraftStart(draftId: string | null): { start?: ApplicationStart; pending: boolean; error: unknown } {
  const draft = useDraft(draftId ?? undefined);
  const files = useQuery({
    queryKey: ['draft-files', draftId, draft.data?.attachments],
    enabled: !!draft.data,
    queryFn: async () => {
      const out: Record<string, AttachedFile> = {};
      for (const a of draft.data!.attachments) {
        const info = await fileInfo(a.fileId);
        out[a.documentId] = { fileId: a.fileId, name: info?.name ?? a.fileId };
      }
      return out;
    },
  });
  if (!draftId) return { pending: false, error: null };
  if (draft.isError) return { pending: false, error: draft.error };
  if (!draft.data || !files.data) return { pending: true, error: null };
  return {
    pending: false,
    error: null,
    start: {
      draftId: draft.data.id,
      agencyCode: draft.data.agencyCode,
      formData: draft.data.formData,
      attachments: files.data,
      step: draft.data.step,
    },
  };
}

/** "Nộp hồ sơ trực tuyến": the application for one procedure, new or resumed from a draft. */
export function ApplyPage() {
  const { t } = useTranslation('services');
  const { code } = useParams();
  const [params] = useSearchParams();
  // Read once: saving a new draft writes its id into the URL (for reload) without restarting the form.
  const [draftId] = useState(() => params.get('draft'));
  const q = useProcedure(code);
  const me = useMe();
  const draft = useDraftStart(draftId);
  usePageTitle(q.data ? t('apply.title', { name: q.data.name }) : t('apply.titleShort'));
  if (q.isPending || draft.pending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  if (draft.error) return <QueryError error={draft.error} />;
  const p = q.data;
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: '/procedures', label: t('search.title') },
          { to: `/procedures/${encodeURIComponent(p.code)}`, label: p.code },
        ]}
        current={t('apply.titleShort')}
      />
      <h1>{t('apply.title', { name: p.name })}</h1>
      {me.data?.kind === 'citizen' && !draftId && (!me.data.dateOfBirth || !me.data.permanentAddress) && (
        <p className="notice" data-testid="profile-tip">
          {t('apply.profileTip')} <Link to="/account/profile">{t('apply.profileLink')}</Link>
        </p>
      )}
      {!isOnline(p) ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('procedure.notOnline')}</p>
        </div>
      ) : (
        // Keyed by draft: opening another draft starts a fresh form.
        <ApplicationForm
          key={draft.start?.draftId ?? 'new'}
          procedure={p}
          start={draft.start}
          prefill={prefillFromAccount(me.data)}
        />
      )}
    </div>
  );
}
