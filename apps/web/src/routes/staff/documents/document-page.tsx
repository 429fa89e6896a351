import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DocumentActionPanel } from '../../../features/documents/action-panel';
import { DocFlags, DocStatus } from '../../../features/documents/components';
import { useDocument, useStatusReplies } from '../../../features/documents/hooks';
import type { DocumentDetail } from '../../../features/documents/types';
import { IndicationBadge } from '../../../features/signatures';
import { Breadcrumbs, formatDate, formatDateTime, Loading, QueryError, usePageTitle } from '../../../features/ui';

function Summary({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  const lang = i18n.language;
  const rows: [string, React.ReactNode][] = [
    [t('detail.fields.type'), d.typeName],
    [t('detail.fields.code'), d.code ?? t('detail.unnumbered')],
    [t('detail.fields.status'), <DocStatus key="s" status={d.status} />],
    [t('detail.fields.urgency'), t(`urgency.${d.urgency}`)],
    [t('detail.fields.secrecy'), t(`secrecy.${d.secrecy}`)],
  ];
  if (d.direction === 'outgoing') {
    rows.push([t('detail.fields.issuer'), d.issuerName], [t('detail.fields.createdBy'), d.createdByName]);
    if (d.issuedDate) rows.push([t('detail.fields.issuedDate'), formatDate(d.issuedDate, lang)]);
  } else {
    rows.push(
      [t('detail.fields.sender'), d.senderName],
      [t('detail.fields.issuedDate'), formatDate(d.issuedDate, lang)],
    );
    if (d.arrivalNumber)
      rows.push([t('detail.fields.arrival'), `${d.arrivalNumber} – ${formatDateTime(d.arrivedAt, lang)}`]);
    else if (d.registerDueAt) rows.push([t('detail.fields.registerDueAt'), formatDateTime(d.registerDueAt, lang)]);
    if (d.leadUnit) rows.push([t('detail.fields.handling'), `${d.leadUnit} – ${d.handlerName ?? ''}`]);
    if (d.supportingUnits.length) rows.push([t('detail.fields.supporting'), d.supportingUnits.join(', ')]);
  }
  if (d.signer)
    rows.push([
      t('detail.fields.signer'),
      [d.signer.competence, d.signer.position, d.signer.name].filter(Boolean).join(' '),
    ]);
  if (d.dueDate || d.handlingDueDate)
    rows.push([t('detail.fields.dueDate'), formatDate(d.handlingDueDate ?? d.dueDate, lang)]);
  if (d.pageCount) rows.push([t('detail.fields.pages'), d.pageCount]);
  if (d.record) rows.push([t('detail.fields.record'), d.record.code]);
  return (
    <dl className="summary">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function Recipients({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  if (!d.recipients.length) return null;
  return (
    <section className="section" aria-labelledby="doc-recipients">
      <h2 id="doc-recipients">{t('detail.recipients')}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="doc-recipients">
        <table>
          <tbody>
            {d.recipients.map((r) => (
              <tr key={r.agencyCode} data-recipient={r.agencyCode}>
                <th scope="row">
                  {r.organName} <span className="muted small block mono">{r.organId}</span>
                </th>
                <td>{t(`exchangeCodes.${r.statusCode ?? r.state}`, { defaultValue: r.state })}</td>
                <td className="nowrap">{formatDateTime(r.updatedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An arrival through the exchange: the statuses told to its sender, with a warning while they wait for the agency's seal. */
function StatusReplies({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  const replies = useStatusReplies(d.id, d.direction === 'incoming' && d.source === 'exchange');
  if (!replies.data?.length) return null;
  const held = replies.data.find((r) => r.state === 'awaiting_seal');
  return (
    <section className="section" aria-labelledby="doc-replies" data-testid="document-status-replies">
      <h2 id="doc-replies">{t('detail.replies')}</h2>
      {held && (
        <p className="notice notice--warning" role="status">
          {t('detail.repliesHeld', { reason: t(`heldReasons.${held.reason}`, { defaultValue: held.reason ?? '' }) })}
        </p>
      )}
      <ul>
        {replies.data.map((r) => (
          <li key={r.id} data-reply={r.statusCode} data-state={r.state}>
            {t(`exchangeCodes.${r.statusCode}`, { defaultValue: r.statusCode ?? '' })} –{' '}
            {t(`replyStates.${r.state}`, { defaultValue: r.state })}{' '}
            <span className="muted small">{formatDateTime(r.updatedAt, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Files({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  return (
    <section className="section" aria-labelledby="doc-files">
      <h2 id="doc-files">{t('detail.files')}</h2>
      <ul>
        {d.versions.map((v) => (
          <li key={v.version}>
            <a href={`/api/documents/${d.id}/files/${v.fileId}`} target="_blank" rel="noreferrer">
              {t('detail.version', { n: v.version })}: {v.name}
            </a>{' '}
            <span className="muted small">
              ({t(`detail.kind.${v.kind}`, { defaultValue: v.kind })}, {v.createdByName},{' '}
              {formatDateTime(v.createdAt, i18n.language)}
              {v.note ? ` – ${v.note}` : ''})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The signatures of the current file as the server validated them: who, when, and the verdict, in the reader's language. */
function Signatures({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  const ts = useTranslation('signatures').t;
  const sigs = d.signatures.report?.signatures ?? [];
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, i18n.language) : '—');
  return (
    <section className="section" aria-labelledby="doc-signatures" data-testid="document-signatures">
      <h2 id="doc-signatures">
        {t('detail.signatures')}{' '}
        {d.signatures.report && sigs.length > 0 && <IndicationBadge indication={d.signatures.report.indication} />}
      </h2>
      {sigs.length === 0 ? (
        <p className="muted">{t('detail.noSignatures')}</p>
      ) : (
        <ol className="doc-signatures">
          {sigs.map((s) => (
            <li key={s.index} data-signature={s.index}>
              <IndicationBadge indication={s.indication} />{' '}
              <strong>{s.signer?.commonName ?? s.signer?.subject ?? '—'}</strong>
              <span className="muted small">
                {' '}
                – {`${s.format}${s.level ? ` ${s.level}` : ''}`}, {ts('report.fields.timestamp')}:{' '}
                {when(s.timestamp?.time ?? s.claimedSigningTime)}
                {s.trustAnchor ? `, ${ts(`report.categories.${s.trustAnchor.category}`)}` : ''}
              </span>
              <div className="small">{ts(`report.explain.${s.subIndication ?? 'PASSED'}`)}</div>
            </li>
          ))}
        </ol>
      )}
      {d.signatures.packageReport && (
        <p className="muted small">
          {t('detail.packageReport', { indication: ts(`report.indications.${d.signatures.packageReport.indication}`) })}
        </p>
      )}
    </section>
  );
}

function Timeline({ d }: { d: DocumentDetail }) {
  const { t, i18n } = useTranslation('documents');
  return (
    <>
      <section className="section" aria-labelledby="doc-comments">
        <h2 id="doc-comments">{t('detail.comments')}</h2>
        {d.comments.length === 0 ? (
          <p className="muted">{t('detail.noComments')}</p>
        ) : (
          <ul>
            {d.comments.map((c, i) => (
              <li key={i}>
                <strong>{c.authorName}</strong>{' '}
                <span className="muted small">{formatDateTime(c.at, i18n.language)}</span>: {c.body}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="doc-history">
        <h2 id="doc-history">{t('detail.history')}</h2>
        <ol className="timeline">
          {d.history.map((h, i) => (
            <li key={i} data-action={h.action}>
              <strong>{t(`actions.${h.action}`, { defaultValue: h.action })}</strong> →{' '}
              <DocStatus status={h.toStatus} />{' '}
              <span className="muted small">
                {h.actorName} · {formatDateTime(h.at, i18n.language)}
              </span>
              {h.note && <span className="block">{h.note}</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** A document: details, files, actions for the caller, statuses per recipient, comments and history. */
export default function DocumentPage() {
  const { t } = useTranslation('documents');
  const { id } = useParams();
  const q = useDocument(id);
  usePageTitle(t('detail.title', { code: q.data?.code ?? q.data?.subject ?? '' }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <>
      <Breadcrumbs
        trail={[{ to: `/staff/documents?box=${d.direction}`, label: t(`boxes.${d.direction}`) }]}
        current={d.code ?? t('detail.unnumbered')}
      />
      <h1>
        {d.subject} <DocFlags d={d} />
      </h1>
      {d.pendingChange && (
        <p className="notice notice--warning">
          {t('detail.pending', { type: t(`actions.${d.pendingChange.type}`) })}
          {d.pendingChange.reason ? `: ${d.pendingChange.reason}` : ''}
        </p>
      )}
      <Summary d={d} />
      <DocumentActionPanel d={d} />
      <Files d={d} />
      <Signatures d={d} />
      <Recipients d={d} />
      <StatusReplies d={d} />
      <Timeline d={d} />
    </>
  );
}
