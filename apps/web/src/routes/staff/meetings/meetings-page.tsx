import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useMe } from '../../../features/identity';
import { useMeetings, useMeetingStats, useOpinionRequests } from '../../../features/meetings/hooks';
import { ProposalsSection } from './proposals-section';
import { AgencyTasksSection } from './tasks-section';
import { MEETING_STATUSES, type MeetingSummary, type OpinionRequestRow } from '../../../features/meetings/types';
import {
  type Column,
  formatDateTime,
  ListView,
  oneOf,
  SelectField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 20;

/** The meetings I take part in, the written opinions I was asked, and (office roles) the e-Cabinet figures. */
export default function MeetingsPage() {
  const { t, i18n } = useTranslation('meetings');
  usePageTitle(t('list.title'));
  const me = useMe();
  const list = useListParams({ status: '' });
  const status = oneOf(MEETING_STATUSES, list.values.status);
  const meetings = useMeetings(status, list.page, PAGE_SIZE);
  const opinions = useOpinionRequests();
  const office = hasRole(me.data, 'leader', 'specialist', 'clerk', 'admin');
  const stats = useMeetingStats(office);
  const lang = i18n.language;
  const columns: Column<MeetingSummary>[] = [
    { header: t('fields.startsAt'), className: 'nowrap', cell: (m) => formatDateTime(m.startsAt, lang) },
    {
      header: t('fields.title'),
      cell: (m) => (
        <>
          <Link to={`/staff/meetings/${m.id}`}>{m.title}</Link>
          {m.secret && <strong className="tag tag--red"> {t('detail.secret')}</strong>}
        </>
      ),
    },
    { header: t('fields.place'), cell: (m) => m.place ?? t('kind.online') },
    { header: t('fields.status'), cell: (m) => <span className="tag">{t(`status.${m.status}`)}</span> },
    { header: t('fields.role'), cell: (m) => `${t(`role.${m.myRole}`)} · ${t(`reply.${m.myReply}`)}` },
  ];
  const opinionColumns: Column<OpinionRequestRow>[] = [
    {
      header: t('fields.question'),
      cell: (o) => <Link to={`/staff/meetings/opinions/${o.id}`}>{o.question}</Link>,
    },
    { header: t('fields.deadline'), className: 'nowrap', cell: (o) => formatDateTime(o.deadline, lang) },
    { header: t('fields.answered'), className: 'num', cell: (o) => `${o.answered}/${o.asked}` },
    {
      header: t('fields.mine'),
      cell: (o) => (o.mine ? t(`opinion.choices.${o.mine}`) : o.askedMe ? t('opinion.notAnswered') : '—'),
    },
    { header: t('fields.status'), cell: (o) => t(`opinion.${o.status}`) },
  ];
  const s = stats.data;
  const pct = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 100)} %`);
  return (
    <>
      <h1>{t('list.title')}</h1>
      {hasRole(me.data, 'leader', 'specialist', 'clerk') && (
        <p>
          <Link to="/staff/meetings/new" className="btn">
            {t('create.title')}
          </Link>
        </p>
      )}
      <AgencyTasksSection />
      {s && (
        <section aria-labelledby="meetings-stats" className="section">
          <h2 id="meetings-stats" className="visually-hidden">
            {t('stats.title')}
          </h2>
          <ul className="cards">
            {(
              [
                ['meetings', String(s.meetings)],
                ['pagesSaved', String(s.pagesSaved)],
                ['avgMinutes', s.avgMinutes == null ? '—' : String(s.avgMinutes)],
                ['consentShare', pct(s.consentShare)],
                ['inTimeShare', pct(s.inTimeShare)],
              ] as const
            ).map(([k, v]) => (
              <li className="card" key={k}>
                <h3>{t(`stats.${k}`)}</h3>
                <p className="stat">{v}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hasRole(me.data, 'leader', 'specialist', 'clerk') && <ProposalsSection />}
      <h2>{t('list.meetings')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="meeting-status"
          label={t('list.statusFilter')}
          value={list.values.status}
          onChange={(e) => list.apply({ status: e.target.value })}
          blank={t('list.allStatuses')}
          choices={MEETING_STATUSES.map((st) => ({ value: st, label: t(`status.${st}`) }))}
        />
      </form>
      <ListView
        query={meetings}
        label={t('list.meetings')}
        empty={t('list.empty')}
        columns={columns}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ 'data-meeting': m.id })}
        onPage={list.setPage}
      />
      <h2>{t('list.opinions')}</h2>
      <ListView
        query={opinions}
        label={t('list.opinions')}
        empty={t('list.noOpinions')}
        columns={opinionColumns}
        rowKey={(o) => o.id}
        showCount={false}
      />
    </>
  );
}
