import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '../ui';
import { useExchangeSelf } from './hooks';

/**
 * The hub operator's pages exist on the hub only. On a node, say so, and show what the hub's
 * operator needs to register this node (its id and request-signing key).
 */
export function HubOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('exchange');
  const self = useExchangeSelf();
  if (self.isPending) return <Loading />;
  if (self.isError) return <QueryError error={self.error} />;
  if (self.data.role === 'hub') return <>{children}</>;
  return (
    <div className="notice" role="status" data-testid="exchange-node-notice">
      <h2 className="h3">{t('node.title')}</h2>
      <p>{t('node.body', { hubUrl: self.data.hubUrl ?? '—' })}</p>
      <dl className="summary">
        <dt>{t('node.nodeId')}</dt>
        <dd>
          <code>{self.data.nodeId}</code>
        </dd>
        <dt>{t('node.publicKey')}</dt>
        <dd className="mono wrap-anywhere">{self.data.publicKey}</dd>
        <dt>{t('node.agencies')}</dt>
        <dd>{self.data.agencies?.join(', ') ?? t('node.allAgencies')}</dd>
      </dl>
    </div>
  );
}
