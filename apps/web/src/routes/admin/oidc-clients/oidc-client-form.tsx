import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRANT_TYPES, type GrantType, useCreateOidcClient } from '../../../features/admin/hooks';
import { ChoiceGroup, ErrorSummary, TextAreaField, TextField, useFormDraft } from '../../../features/ui';

/** Register an OIDC client (a relying party); its secret is shown once. */
export function OidcClientForm() {
  const { t } = useTranslation('admin');
  const create = useCreateOidcClient();
  const { draft, setDraft, field, error, fe, check } = useFormDraft({ name: '', uris: '' }, create.error);
  const { name, uris } = draft;
  const [grants, setGrants] = useState<GrantType[]>(['authorization_code', 'refresh_token']);
  const [isPublic, setIsPublic] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const redirectUris = uris
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    const problems = [];
    if (!name.trim()) problems.push({ path: 'name', code: 'REQUIRED' });
    if (!grants.length) problems.push({ path: 'grantTypes', code: 'REQUIRED' });
    if (grants.includes('authorization_code') && !redirectUris.length)
      problems.push({ path: 'redirectUris', code: 'REQUIRED' });
    if (!check(problems)) return;
    create.mutate(
      { name: name.trim(), redirectUris, grantTypes: grants, public: isPublic || undefined },
      {
        onSuccess: () => setDraft({ name: '', uris: '' }),
      },
    );
  }

  return (
    <>
      {create.data && (
        <div className="notice notice--success" role="status" data-testid="oidc-created">
          <h2>{t('oidc.created')}</h2>
          <p>
            {t('oidc.clientId')}: <code className="secret">{create.data.clientId}</code>
          </p>
          {create.data.clientSecret ? (
            <>
              <p>
                {t('oidc.clientSecret')}: <code className="secret">{create.data.clientSecret}</code>
              </p>
              <p>
                <strong>{t('oidc.secretOnce')}</strong>
              </p>
              <button
                type="button"
                className="btn btn--secondary btn--small"
                onClick={() => void navigator.clipboard?.writeText(create.data.clientSecret ?? '')}
              >
                {t('oidc.copySecret')}
              </button>
            </>
          ) : (
            <p>{t('oidc.noSecret')}</p>
          )}
          <div className="btn-row">
            <button type="button" className="btn btn--link" onClick={() => create.reset()}>
              {t('oidc.dismiss')}
            </button>
          </div>
        </div>
      )}

      <details className="section">
        <summary>{t('oidc.register')}</summary>
        <ErrorSummary error={error} fieldIds={{ name: 'oc-name', redirectUris: 'oc-uris', grantTypes: 'oc-grants' }} />
        <form className="form" onSubmit={submit} noValidate>
          <TextField id="oc-name" label={t('oidc.name')} {...field('name')} />
          <TextAreaField
            id="oc-uris"
            label={t('oidc.redirectUris')}
            hint={t('oidc.redirectUrisHint')}
            {...field('uris')}
            error={fe.redirectUris ?? fe['redirectUris.0']}
          />
          <ChoiceGroup
            id="oc-grants"
            legend={t('oidc.grantTypes')}
            type="checkbox"
            error={fe.grantTypes}
            value={grants}
            choices={GRANT_TYPES.map((g) => ({ value: g, label: t(`oidc.grants.${g}`) }))}
            onChange={setGrants}
          />
          <label className="choice field">
            <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
            {t('oidc.public')}
          </label>
          <button className="btn" type="submit" disabled={create.isPending}>
            {t('oidc.registerSubmit')}
          </button>
        </form>
      </details>
    </>
  );
}
