import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCorrections, useResolveCorrection } from '../../../features/registries';
import {
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  SelectField,
  TextAreaField,
  usePageTitle,
} from '../../../features/ui';

type Status = 'open' | 'accepted' | 'rejected';

/** The population registry's owner answers citizens' correction requests (accept = a new version). */
export default function RegistryCorrectionsPage() {
  const { t, i18n } = useTranslation('registries');
  usePageTitle(t('corrections.title'));
  const [status, setStatus] = useState<Status | ''>('open');
  const q = useCorrections(status || undefined);
  const resolve = useResolveCorrection();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const decide = (id: string, decision: 'accept' | 'reject') => {
    const note = notes[id]?.trim() ?? '';
    if (!note) return setMissing(id);
    setMissing(null);
    resolve.mutate({ id, decision, note });
  };
  return (
    <>
      <h1>{t('corrections.title')}</h1>
      <p>{t('corrections.intro')}</p>
      <SelectField
        id="corrections-status"
        label={t('corrections.status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as Status | '')}
        blank={t('corrections.all')}
        choices={(['open', 'accepted', 'rejected'] as const).map((s) => ({
          value: s,
          label: t(`corrections.statuses.${s}`),
        }))}
      />
      <ErrorSummary error={resolve.error} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p>{t('corrections.empty')}</p>
      ) : (
        <ul className="cert-list" aria-label={t('corrections.title')}>
          {q.data.items.map((c) => (
            <li key={c.id} data-correction={c.id}>
              <h2 className="h3">
                {t(`fields.${c.field}`, { defaultValue: c.field })} — <span className="mono">{c.recordKey}</span>{' '}
                <span className="tag">{t(`corrections.statuses.${c.status}`)}</span>
              </h2>
              <dl className="summary">
                <dt>{t('corrections.sentAt')}</dt>
                <dd>{formatDateTime(c.createdAt, i18n.language)}</dd>
                <dt>{t('corrections.current')}</dt>
                <dd>{c.currentValue ?? '—'}</dd>
                <dt>{t('corrections.proposed')}</dt>
                <dd>{c.proposedValue ?? '—'}</dd>
                <dt>{t('corrections.reason')}</dt>
                <dd>{c.reason}</dd>
                {c.resolutionNote && (
                  <>
                    <dt>{t('corrections.note')}</dt>
                    <dd>{c.resolutionNote}</dd>
                  </>
                )}
              </dl>
              {c.status === 'open' && (
                <>
                  <TextAreaField
                    id={`note-${c.id}`}
                    label={t('corrections.note')}
                    error={missing === c.id ? t('corrections.noteRequired') : undefined}
                    value={notes[c.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [c.id]: e.target.value })}
                  />
                  <div className="btn-row">
                    {c.proposedValue && (
                      <button
                        type="button"
                        className="btn"
                        disabled={resolve.isPending}
                        onClick={() => decide(c.id, 'accept')}
                      >
                        {t('corrections.accept')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn--secondary"
                      disabled={resolve.isPending}
                      onClick={() => decide(c.id, 'reject')}
                    >
                      {t('corrections.reject')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
