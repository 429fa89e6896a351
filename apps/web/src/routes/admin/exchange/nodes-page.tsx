import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ExchangeNode,
  HubOnly,
  useExchangeNodes,
  useRegisterNode,
  useSetNodeActive,
} from '../../../features/exchange';
import { readCertificateFile } from '../../../features/pki';
import {
  blankFields,
  ErrorSummary,
  FileField,
  formatDateTime,
  Loading,
  QueryError,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

const EMPTY = { id: '', name: '', baseUrl: '', publicKey: '', agencies: '' };

function RegisterForm() {
  const { t } = useTranslation('exchange');
  const register = useRegisterNode();
  const { draft, setDraft, field, error, fe, check } = useFormDraft(EMPTY, register.error);
  const [file, setFile] = useState<File | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const agencies = draft.agencies
      .split(/[\s,;]+/)
      .map((a) => a.trim().toUpperCase())
      .filter(Boolean);
    const blank = blankFields(draft, ['id', 'name', 'baseUrl', 'publicKey']);
    if (!check([...blank, ...(agencies.length ? [] : [{ path: 'agencies', code: 'REQUIRED' }])])) return;
    const caCertificates = file ? [await readCertificateFile(file)] : undefined;
    register.mutate(
      {
        id: draft.id.trim(),
        name: draft.name.trim(),
        baseUrl: draft.baseUrl.trim(),
        publicKey: draft.publicKey.trim(),
        agencies,
        caCertificates,
      },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setFile(null);
          form.reset();
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby="xn-register-title">
      <h2 id="xn-register-title">{t('nodes.registerTitle')}</h2>
      <p>{t('nodes.registerIntro')}</p>
      {register.data && <SuccessNotice>{t('nodes.registered', { id: register.data.id })}</SuccessNotice>}
      <ErrorSummary
        error={error}
        fieldIds={{
          id: 'xn-id',
          name: 'xn-name',
          baseUrl: 'xn-url',
          publicKey: 'xn-key',
          agencies: 'xn-agencies',
          'caCertificates.0': 'xn-ca',
        }}
      />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="xn-id" label={t('nodes.id')} hint={t('nodes.idHint')} {...field('id')} autoComplete="off" />
        <TextField id="xn-name" label={t('nodes.name')} {...field('name')} />
        <TextField
          id="xn-url"
          label={t('nodes.baseUrl')}
          hint={t('nodes.baseUrlHint')}
          type="url"
          inputMode="url"
          {...field('baseUrl')}
        />
        <TextAreaField
          id="xn-key"
          label={t('nodes.publicKey')}
          hint={t('nodes.publicKeyHint')}
          rows={3}
          className="textarea mono"
          {...field('publicKey')}
        />
        <TextField
          id="xn-agencies"
          label={t('nodes.agencies')}
          hint={t('nodes.agenciesHint')}
          {...field('agencies')}
          error={fe.agencies ?? fe['agencies.0']}
        />
        <FileField
          id="xn-ca"
          label={t('nodes.ca')}
          hint={t('nodes.caHint')}
          error={fe['caCertificates.0']}
          accept=".crt,.cer,.pem,.der"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button className="btn" type="submit" disabled={register.isPending}>
          {t('nodes.submit')}
        </button>
      </form>
    </section>
  );
}

function NodeCard({ n }: { n: ExchangeNode }) {
  const { t, i18n } = useTranslation('exchange');
  const setActive = useSetNodeActive();
  return (
    <li className={n.active ? undefined : 'xch-inactive'} data-testid="exchange-node">
      <h2>
        {n.name} <code>{n.id}</code>
      </h2>
      <p>
        <span className={`tag ${n.active ? 'tag--green' : 'tag--grey'}`}>
          {t(n.active ? 'nodes.active' : 'nodes.inactive')}
        </span>
      </p>
      <dl className="summary">
        <dt>{t('nodes.baseUrl')}</dt>
        <dd className="xch-wrap">{n.baseUrl}</dd>
        <dt>{t('nodes.agencies')}</dt>
        <dd>{n.agencies.join(', ')}</dd>
        <dt>{t('nodes.ca')}</dt>
        <dd>
          {n.caSummaries.length === 0 ? (
            t('nodes.noCa')
          ) : (
            <ul className="plain-list">
              {n.caSummaries.map((c) => (
                <li key={c.sha256}>
                  <span className="xch-wrap">{c.subject}</span>
                  <br />
                  <span className="xch-hash" title="SHA-256">
                    SHA-256 {c.sha256}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('nodes.publicKey')}</dt>
        <dd className="xch-hash">{n.publicKey}</dd>
        <dt>{t('nodes.lastSeen')}</dt>
        <dd>{n.lastSeenAt ? formatDateTime(n.lastSeenAt, i18n.language) : t('nodes.never')}</dd>
      </dl>
      <ErrorSummary error={setActive.error} />
      <button
        type="button"
        className={`btn btn--small ${n.active ? 'btn--danger' : 'btn--secondary'}`}
        disabled={setActive.isPending}
        onClick={() => {
          if (!n.active || window.confirm(t('nodes.confirmDeactivate', { id: n.id })))
            setActive.mutate({ id: n.id, active: !n.active });
        }}
      >
        {t(n.active ? 'nodes.deactivate' : 'nodes.activate')}
        <span className="visually-hidden"> {n.id}</span>
      </button>
    </li>
  );
}

function Nodes() {
  const { t } = useTranslation('exchange');
  const nodes = useExchangeNodes();
  return (
    <>
      {nodes.isPending ? (
        <Loading />
      ) : nodes.isError ? (
        <QueryError error={nodes.error} />
      ) : nodes.data.items.length === 0 ? (
        <p>{t('nodes.empty')}</p>
      ) : (
        <ul className="xch-nodes" aria-label={t('nodes.title')}>
          {nodes.data.items.map((n) => (
            <NodeCard key={n.id} n={n} />
          ))}
        </ul>
      )}
      <RegisterForm />
    </>
  );
}

/** Hub operator: the deployments (nodes) connected to this hub; register, deactivate. */
export default function ExchangeNodesPage() {
  const { t } = useTranslation('exchange');
  usePageTitle(t('nodes.title'));
  return (
    <>
      <h1>{t('nodes.title')}</h1>
      <p>{t('nodes.intro')}</p>
      <HubOnly>
        <Nodes />
      </HubOnly>
    </>
  );
}
