import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetings, useProposalDecision, useProposals } from '../../../features/meetings/hooks';
import { ErrorSummary, formatDateTime, SelectField, SuccessNotice, TextField } from '../../../features/ui';

/**
 * Proposed agenda items (đề xuất đưa vào chương trình họp) for the organisers of the agency: the
 * secretary of a draft meeting puts one on its agenda; an organiser declines one with a reason.
 */
export function ProposalsSection() {
  const { t, i18n } = useTranslation('meetings');
  const proposals = useProposals(true);
  // The list's own query (same key and page size): the draft meetings of its first page.
  const drafts = useMeetings('draft', 1, 20);
  const decide = useProposalDecision();
  const [meeting, setMeeting] = useState<Record<string, string>>({});
  const [reason, setReason] = useState<Record<string, string>>({});
  const items = proposals.data?.items ?? [];
  const mine = (drafts.data?.items ?? []).filter((m) => m.myRole === 'secretary' || m.myRole === 'chair');
  return (
    <section className="section" aria-labelledby="meeting-proposals">
      <h2 id="meeting-proposals">{t('proposals.title')}</h2>
      {decide.isError && <ErrorSummary error={decide.error} />}
      {decide.isSuccess && <SuccessNotice>{t(`proposals.done_${decide.data.status}`)}</SuccessNotice>}
      {proposals.isError && <ErrorSummary error={proposals.error} />}
      {!items.length && <p>{t('proposals.empty')}</p>}
      <ul className="file-list" data-testid="meeting-proposals">
        {items.map((p) => (
          <li key={p.id} data-proposal={p.id}>
            <strong>{p.title}</strong>
            <span className="file-list__doc">
              {formatDateTime(p.createdAt, i18n.language)} · {p.summary}{' '}
              {p.link && <a href={new URL(p.link).pathname}>{t('proposals.source')}</a>}
            </span>
            <div className="filters">
              <SelectField
                id={`prop-meeting-${p.id}`}
                label={t('proposals.meeting')}
                value={meeting[p.id] ?? ''}
                onChange={(e) => setMeeting((m) => ({ ...m, [p.id]: e.target.value }))}
              >
                <option value="">{t('proposals.pickMeeting')}</option>
                {mine
                  .filter((m) => m.agencyCode === p.agencyCode)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title} ({formatDateTime(m.startsAt, i18n.language)})
                    </option>
                  ))}
              </SelectField>
              <button
                className="btn"
                type="button"
                disabled={!meeting[p.id] || decide.isPending}
                onClick={() => decide.mutate({ id: p.id, meetingId: meeting[p.id]! })}
              >
                {t('proposals.add')}
              </button>
            </div>
            <div className="filters">
              <TextField
                id={`prop-reason-${p.id}`}
                label={t('proposals.reason')}
                value={reason[p.id] ?? ''}
                onChange={(e) => setReason((r) => ({ ...r, [p.id]: e.target.value }))}
              />
              <button
                className="btn btn--secondary"
                type="button"
                disabled={!reason[p.id]?.trim() || decide.isPending}
                onClick={() => decide.mutate({ id: p.id, reason: reason[p.id]! })}
              >
                {t('proposals.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {decide.data?.status === 'added' && decide.data.meetingId && (
        <p>
          <Link to={`/staff/meetings/${decide.data.meetingId}`}>{t('proposals.openMeeting')}</Link>
        </p>
      )}
    </section>
  );
}
