import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  useDraftMinutes,
  useMeeting,
  useMeetingAction,
  useMeetingLive,
  usePosition,
  useVote,
} from '../../../features/meetings/hooks';
import { useMe } from '../../../features/identity';
import { type Meeting, type MeetingItem, type Position, SIMPLE_ACTIONS } from '../../../features/meetings/types';
import {
  AddItemForm,
  AssignTaskForm,
  DelegateForm,
  EditItemTools,
  NoteOpinionForm,
  PaperTools,
  ReorderButtons,
  TakeNewVersion,
  WithdrawPaper,
} from './agenda-tools';
import {
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  formatDateTime,
  Loading,
  QueryError,
  SelectField,
  SuccessNotice,
  TextAreaField,
  usePageTitle,
} from '../../../features/ui';

const ATTENDANCE = ['present', 'online', 'absent', 'delegated'] as const;

/** One meeting: agenda with papers, positions before the session, consent block, votes, decisions; live. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('meetings');
  const meeting = useMeeting(id);
  useMeetingLive(id);
  usePageTitle(meeting.data?.title ?? t('list.title'));
  const action = useMeetingAction(id);
  const minutes = useDraftMinutes(id);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <QueryError error={meeting.error} />;
  const m = meeting.data;
  const lang = i18n.language;
  const can = (a: Meeting['allowedActions'][number]) => m.allowedActions.includes(a);
  const consent = m.items.filter((i) => i.inConsentAgenda);
  const editsAgenda =
    (m.myRole === 'chair' || m.myRole === 'secretary') && ['draft', 'convened', 'in_session'].includes(m.status);
  return (
    <article className="meeting" data-status={m.status}>
      <p className="breadcrumbs">
        <Link to="/staff/meetings">{t('list.title')}</Link>
      </p>
      <h1>
        {m.title} {m.secret && <strong className="tag tag--red">{t('detail.secret')}</strong>}
      </h1>
      <dl className="summary">
        <dt>{t('fields.status')}</dt>
        <dd>
          <span className="tag" data-testid="meeting-status">
            {t(`status.${m.status}`)}
          </span>
        </dd>
        <dt>{t('fields.startsAt')}</dt>
        <dd>
          {formatDateTime(m.startsAt, lang)} · {t(`kind.${m.kind}`)}
        </dd>
        {m.place && (
          <>
            <dt>{t('fields.place')}</dt>
            <dd>{m.place}</dd>
          </>
        )}
        {m.videoLink && (
          <>
            <dt>{t('fields.video')}</dt>
            <dd>
              <a href={m.videoLink} target="_blank" rel="noopener noreferrer">
                {m.videoLink}
              </a>
            </dd>
          </>
        )}
        <dt>{t('fields.role')}</dt>
        <dd>
          {t(`role.${m.myRole}`)} · {t(`reply.${m.myReply}`)}
        </dd>
        <dt>{t('fields.quorum')}</dt>
        <dd>
          {m.attending} / {m.quorum}
        </dd>
      </dl>
      <p className="muted small">{t('detail.live')}</p>

      <ErrorSummary error={action.error ?? minutes.error} />
      {action.isSuccess && <SuccessNotice>{t('actions.done')}</SuccessNotice>}
      <div className="btn-row">
        {SIMPLE_ACTIONS.filter(can).map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'cancel' || a === 'decline' ? 'btn btn--secondary' : 'btn'}
            disabled={action.isPending}
            onClick={() => action.mutate({ action: a })}
          >
            {t(`actions.${a}`)}
          </button>
        ))}
      </div>

      {can('delegate') && <DelegateForm m={m} />}

      <Participants m={m} />

      {m.myRole !== 'guest' && (
        <section className="section" aria-labelledby="consent-title">
          <h2 id="consent-title">{t('detail.consent')}</h2>
          <p className="hint">{t('detail.consentHint')}</p>
          <ul className="plain-list" data-testid="consent-agenda">
            {consent.map((i) => (
              <li key={i.id}>
                {i.seq}. {i.title}
              </li>
            ))}
          </ul>
          {m.consentAdoptedAt && <p className="tag tag--green">{t('detail.byConsent')}</p>}
        </section>
      )}

      <section className="section" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('detail.agenda')}</h2>
        {m.items.length === 0 && <p className="muted">{t('agenda.empty')}</p>}
        {m.items.map((i) => (
          <ItemCard key={i.id} m={m} item={i} editsAgenda={editsAgenda} />
        ))}
      </section>
      {editsAgenda && <AddItemForm m={m} />}

      {m.myRole === 'secretary' && (m.status === 'closed' || m.status === 'minutes_issued') && (
        <section className="section" aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t('detail.minutes')}</h2>
          <div className="btn-row">
            {!m.conclusionsDocumentId && (
              <button type="button" className="btn" onClick={() => minutes.mutate('conclusions')}>
                {t('detail.draftConclusions')}
              </button>
            )}
            {!m.minutesDocumentId && (
              <button type="button" className="btn btn--secondary" onClick={() => minutes.mutate('minutes')}>
                {t('detail.draftMinutes')}
              </button>
            )}
          </div>
          {[m.conclusionsDocumentId, m.minutesDocumentId].filter(Boolean).map((d) => (
            <p key={d}>
              <Link to={`/staff/documents/${d}`}>{t('detail.openDocument')}</Link>
            </p>
          ))}
        </section>
      )}

      {m.tasks.length > 0 && (
        <section className="section" aria-labelledby="tasks-title">
          <h2 id="tasks-title">{t('detail.tasks')}</h2>
          <ul className="plain-list" data-testid="meeting-tasks">
            {m.tasks.map((k) => (
              <li key={k.id}>
                {k.title} — {k.ownerAgencyName}, {t('task.dueOn', { date: formatDate(k.dueDate, lang) })}{' '}
                <span className={k.status === 'done' ? 'tag tag--green' : 'tag'}>{t(`task.status.${k.status}`)}</span>
                {k.report && <span className="muted small"> · {k.report}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {can('assign_task') && <AssignTaskForm m={m} />}
    </article>
  );
}

function Participants({ m }: { m: Meeting }) {
  const { t } = useTranslation('meetings');
  const action = useMeetingAction(m.id);
  const roll = m.allowedActions.includes('attendance');
  return (
    <section className="section" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('detail.participants')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.role')}</th>
              <th scope="col">{t('fields.reply')}</th>
              <th scope="col">{t('detail.attendanceTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {m.participants.map((x) => (
              <tr key={x.userId}>
                <td>{x.fullName}</td>
                <td>{t(`role.${x.role}`)}</td>
                <td>
                  {t(`reply.${x.reply}`)}
                  {x.delegateName ? ` → ${x.delegateName}` : ''}
                </td>
                <td>
                  {roll ? (
                    <SelectField
                      id={`attendance-${x.userId}`}
                      label={<span className="visually-hidden">{`${t('detail.attendanceTitle')}: ${x.fullName}`}</span>}
                      value={x.attendance ?? ''}
                      onChange={(e) =>
                        action.mutate({
                          action: 'attendance',
                          userId: x.userId,
                          attendance: e.target.value as (typeof ATTENDANCE)[number],
                        })
                      }
                    >
                      <option value="" disabled>
                        {t('attendance.none')}
                      </option>
                      {ATTENDANCE.map((a) => (
                        <option key={a} value={a}>
                          {t(`attendance.${a}`)}
                        </option>
                      ))}
                    </SelectField>
                  ) : (
                    t(`attendance.${x.attendance ?? 'none'}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ItemCard({ m, item, editsAgenda }: { m: Meeting; item: MeetingItem; editsAgenda: boolean }) {
  const { t, i18n } = useTranslation('meetings');
  const position = usePosition(m.id);
  const vote = useVote(m.id);
  const action = useMeetingAction(m.id);
  const [choice, setChoice] = useState<Position | undefined>(item.myPosition?.position);
  const [note, setNote] = useState(item.myPosition?.note ?? '');
  const [decision, setDecision] = useState(item.decision ?? '');
  const [outcome, setOutcome] = useState<'adopted' | 'rejected' | 'deferred'>('adopted');
  const voter = m.myRole === 'chair' || m.myRole === 'member';
  const leads = m.myRole === 'chair' || m.myRole === 'secretary';
  const me = useMe().data;
  // The item's presenter brings and withdraws its papers too, as the server allows (ADR 0023).
  const managesPapers =
    editsAgenda || (!!me && item.presenterId === me.id && ['draft', 'convened', 'in_session'].includes(m.status));
  const inSession = m.status === 'in_session';
  const open = item.votes.find((v) => v.status === 'open');
  // The chair or the secretary opens a vote on an undecided item, or closes the open one.
  const voteTools = inSession && leads && (!!open || item.outcome === 'pending');
  const error = position.error ?? vote.error ?? action.error;
  const fieldId = `item-${item.seq}`;
  if (item.removedAt)
    return (
      <section className="card" data-item={item.seq} aria-labelledby={`${fieldId}-title`}>
        <h3 id={`${fieldId}-title`}>
          {item.seq}. {item.title}{' '}
          <span className="tag tag--grey" data-testid="removed">
            {t('detail.removed')}
          </span>
        </h3>
        <p className="muted small">{t('detail.removedNote')}</p>
        {m.myRole !== 'guest' && (
          <p className="small" data-testid="positions">
            {t('detail.positions')}: {t('detail.positionsCount', item.positions)}
          </p>
        )}
      </section>
    );
  return (
    <section className="card" data-item={item.seq} aria-labelledby={`${fieldId}-title`}>
      <h3 id={`${fieldId}-title`}>
        {item.seq}. {item.title}{' '}
        <span className={item.outcome === 'adopted' ? 'tag tag--green' : 'tag'} data-testid="outcome">
          {t(`detail.outcome.${item.outcome}`)}
        </span>
        {item.byConsent && <span className="tag tag--green"> {t('detail.byConsent')}</span>}
        {!item.byConsent && item.inConsentAgenda && <span className="tag tag--grey"> {t('detail.inConsent')}</span>}
        {item.editedAt && (
          <span className="tag tag--yellow" data-testid="edited">
            {' '}
            {t('detail.edited')}
          </span>
        )}
      </h3>
      {editsAgenda && m.items.filter((i) => !i.removedAt).length > 1 && <ReorderButtons m={m} item={item} />}
      {item.presenterName && (
        <p className="muted small">
          {t('fields.presenter')}: {item.presenterName}
        </p>
      )}
      {item.summary && <p>{item.summary}</p>}
      <h4>{t('detail.papers')}</h4>
      {item.papers.length === 0 ? (
        <p className="muted small">{t('detail.noPapers')}</p>
      ) : (
        <ul className="file-list">
          {item.papers.map((p) => (
            <li key={p.id}>
              <a href={`/api/meetings/${m.id}/papers/${p.id}`} target="_blank" rel="noopener noreferrer">
                {p.name}
              </a>{' '}
              <span className="muted small">
                ({t('detail.version', { n: p.version })}, {t('detail.pages', { n: p.pages })})
              </span>
              {p.late && <strong className="tag tag--yellow"> {t('detail.new')}</strong>}
              {managesPapers && p.newDocumentVersion && <TakeNewVersion m={m} item={item} paper={p} />}
              {managesPapers && <WithdrawPaper m={m} paper={p} />}
            </li>
          ))}
        </ul>
      )}
      {item.withdrawnPapers.length > 0 && (
        <details className="small" data-testid="withdrawn-papers">
          <summary>{t('detail.withdrawnPapers', { n: item.withdrawnPapers.length })}</summary>
          <ul className="plain-list">
            {item.withdrawnPapers.map((w) => (
              <li key={w.id}>
                <a href={`/api/meetings/${m.id}/papers/${w.id}`} target="_blank" rel="noopener noreferrer">
                  {w.name}
                </a>{' '}
                ({t('detail.version', { n: w.version })}) –{' '}
                {t('detail.withdrawnBy', { name: w.withdrawnByName, at: formatDateTime(w.withdrawnAt, i18n.language) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {managesPapers && <PaperTools m={m} item={item} />}
      {editsAgenda && <EditItemTools key={`${item.id}-${item.editedAt ?? ''}`} m={m} item={item} />}
      <ErrorSummary error={error} />
      {m.myRole !== 'guest' && (
        <p className="small" data-testid="positions">
          {t('detail.positions')}: {t('detail.positionsCount', item.positions)}
        </p>
      )}
      {item.positionDetails.filter((d) => d.note).length > 0 && (
        <ul className="plain-list small">
          {item.positionDetails
            .filter((d) => d.note)
            .map((d, n) => (
              <li key={n}>
                {d.fullName} ({t(`detail.positionChoices.${d.position}`)}): {d.note}
              </li>
            ))}
        </ul>
      )}
      {voter && m.status === 'convened' && m.myReply !== 'delegated' && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) position.mutate({ itemId: item.id, position: choice, note });
          }}
        >
          <ChoiceGroup<Position>
            id={`${fieldId}-position`}
            legend={t('detail.myPosition')}
            type="radio"
            choices={(['agree', 'object', 'speak'] as const).map((v) => ({
              value: v,
              label: t(`detail.positionChoices.${v}`),
            }))}
            value={choice}
            onChange={(v) => setChoice(v[0])}
            className="choices mini-choices"
          />
          <TextAreaField
            id={`${fieldId}-note`}
            label={t('detail.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="btn btn--secondary" disabled={!choice || position.isPending}>
            {t('detail.save')}
          </button>
          {position.isSuccess && <SuccessNotice>{t('detail.saved')}</SuccessNotice>}
        </form>
      )}
      {/* The heading only over something: a vote held, or the button to start one. */}
      {(item.votes.length > 0 || voteTools) && <h4>{t('detail.votes')}</h4>}
      {item.votes
        .filter((v) => v.status === 'closed')
        .map((v) => (
          <p key={v.id} data-testid="vote-result">
            {t('detail.voteResult', v)}
            {v.result && (
              <strong className={v.result === 'adopted' ? 'tag tag--green' : 'tag tag--red'}>
                {' '}
                {t(`detail.outcome.${v.result}`)}
              </strong>
            )}
          </p>
        ))}
      {open && (
        <p data-testid="vote-open">
          {t('detail.voteOpen', { question: open.question, cast: open.cast })}
          {open.myChoice && <> · {t('detail.myChoice', { choice: t(`detail.${open.myChoice}`) })}</>}
        </p>
      )}
      {open && voter && !open.myChoice && m.myReply !== 'delegated' && (
        <div className="btn-row">
          {(['yes', 'no', 'abstain'] as const).map((c) => (
            <button
              key={c}
              type="button"
              className={c === 'yes' ? 'btn' : 'btn btn--secondary'}
              onClick={() => vote.mutate({ itemId: item.id, body: { choice: c } })}
            >
              {t(`detail.${c}`)}
            </button>
          ))}
        </div>
      )}
      {voteTools && (
        <div className="btn-row">
          {open ? (
            <button
              type="button"
              className="btn"
              onClick={() => vote.mutate({ itemId: item.id, body: { close: true } })}
            >
              {t('detail.closeVote')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() =>
                vote.mutate({ itemId: item.id, body: { method: 'electronic', question: `Thông qua: ${item.title}` } })
              }
            >
              {t('detail.openVote')}
            </button>
          )}
        </div>
      )}
      {inSession && voter && m.allowedActions.includes('request_speech') && (
        <button
          type="button"
          className="btn btn--link"
          onClick={() => action.mutate({ action: 'request_speech', itemId: item.id })}
        >
          {t('detail.requestSpeech')}
        </button>
      )}
      {item.speeches.length > 0 && (
        <>
          <h4>{t('detail.speeches')}</h4>
          <ol className="small">
            {item.speeches.map((s) => (
              <li key={s.id}>
                {s.fullName}
                {s.opinion ? `: ${s.opinion}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {m.allowedActions.includes('note_opinion') && <NoteOpinionForm m={m} item={item} />}
      {item.decision && (
        <p>
          <strong>{t('detail.decision')}:</strong> {item.decision}
        </p>
      )}
      {inSession && leads && item.outcome === 'pending' && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ action: 'decide', itemId: item.id, outcome, decision });
          }}
        >
          <SelectField
            id={`${fieldId}-outcome`}
            label={t('detail.decision')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as typeof outcome)}
            choices={(['adopted', 'rejected', 'deferred'] as const).map((o) => ({
              value: o,
              label: t(`detail.outcome.${o}`),
            }))}
          />
          <TextAreaField
            id={`${fieldId}-decision`}
            label={t('detail.decisionText')}
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
          />
          <button type="submit" className="btn btn--secondary">
            {t('detail.decide')}
          </button>
        </form>
      )}
    </section>
  );
}
