import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useAddPasskey, usePasskeys, useRemovePasskey } from '../../../features/identity';
import {
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  SuccessNotice,
  TableView,
  TextField,
} from '../../../features/ui';

export function PasskeysSection() {
  const { t, i18n } = useTranslation('account');
  const list = usePasskeys();
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  const [name, setName] = useState('');
  const supported = browserSupportsWebAuthn();

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(name.trim() || t('passkeys.defaultName'), { onSuccess: () => setName('') });
  }

  return (
    <section className="section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeys.title')}</h2>
      <p>{t('passkeys.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('passkeys.empty')}</p>
      ) : (
        <TableView
          label={t('passkeys.table')}
          headers={[t('passkeys.name'), t('passkeys.createdAt'), t('passkeys.lastUsedAt')]}
          actionsLabel={t('actions')}
        >
          {list.data.items.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="nowrap">{formatDateTime(p.createdAt, i18n.language)}</td>
              <td className="nowrap">{p.lastUsedAt ? formatDateTime(p.lastUsedAt, i18n.language) : t('never')}</td>
              <td>
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t('passkeys.confirmRemove', { name: p.name }))) remove.mutate(p.id);
                  }}
                >
                  {t('passkeys.remove')} <span className="visually-hidden">{p.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </TableView>
      )}
      <ErrorSummary error={add.error ?? remove.error} />
      {add.isSuccess && <SuccessNotice>{t('passkeys.added', { name: add.data.name })}</SuccessNotice>}
      {supported ? (
        <form onSubmit={submit} noValidate className="form">
          <TextField
            id="passkey-name"
            label={t('passkeys.newName')}
            hint={t('passkeys.newNameHint')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
          />
          <button className="btn" type="submit" disabled={add.isPending}>
            {t('passkeys.add')}
          </button>
        </form>
      ) : (
        <p className="notice notice--warning">{t('passkeys.unsupported')}</p>
      )}
    </section>
  );
}
