import { useTranslation } from 'react-i18next';
import { useRevokeSession, useSessions } from '../../../features/identity';
import type { SessionItem } from '../../../features/identity';
import { ErrorSummary, ExportCsvButton, formatDateTime, Loading, QueryError, TableView } from '../../../features/ui';

/** A short, readable name for a user agent string ("Chrome on Windows"). */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl|node|undici/i.test(ua)
            ? 'API'
            : '';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 60);
}

export function SessionsSection() {
  const { t, i18n } = useTranslation('account');
  const sessions = useSessions();
  const revoke = useRevokeSession();
  return (
    <section className="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p>{t('sessions.intro')}</p>
      <ErrorSummary error={revoke.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} />
      ) : (
        <>
          <div className="toolbar">
            <span />
            <ExportCsvButton
              rows={sessions.data.items}
              fileBase="phien-dang-nhap"
              columns={[
                { header: t('sessions.device'), value: (s: SessionItem) => s.userAgent },
                { header: t('sessions.ip'), value: (s: SessionItem) => s.ip },
                { header: t('sessions.createdAt'), value: (s: SessionItem) => s.createdAt },
                { header: t('sessions.lastSeenAt'), value: (s: SessionItem) => s.lastSeenAt },
                { header: t('sessions.assurance'), value: (s: SessionItem) => s.acr },
                { header: t('sessions.current'), value: (s: SessionItem) => (s.current ? '✓' : '') },
              ]}
            />
          </div>
          <TableView
            label={t('sessions.table')}
            headers={[
              t('sessions.device'),
              t('sessions.ip'),
              t('sessions.createdAt'),
              t('sessions.lastSeenAt'),
              t('sessions.assurance'),
            ]}
            actionsLabel={t('actions')}
          >
            {sessions.data.items.map((s) => (
              <tr key={s.id}>
                <td title={s.userAgent ?? ''}>{describeUserAgent(s.userAgent)}</td>
                <td className="mono">{s.ip}</td>
                <td className="nowrap">{formatDateTime(s.createdAt, i18n.language)}</td>
                <td className="nowrap">{formatDateTime(s.lastSeenAt, i18n.language)}</td>
                <td>{t(`acr.${s.acr}`, { defaultValue: String(s.acr) })}</td>
                <td>
                  {s.current ? (
                    <span className="tag tag--green">{t('sessions.current')}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t('sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </TableView>
        </>
      )}
    </section>
  );
}
