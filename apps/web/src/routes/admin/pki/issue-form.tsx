import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminUsers } from '../../../features/admin/hooks';
import { AttemptKeys } from '../../../features/api/idempotency';
import { commonName, type IssueBody, useIssueCertificate } from '../../../features/pki';
import {
  ChoiceGroup,
  ErrorSummary,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFormDraft,
} from '../../../features/ui';

/** Issue a person certificate to a civil servant of the agency, or a seal certificate to the agency. */
export function IssueForm({ agencyCode }: { agencyCode: string }) {
  const { t } = useTranslation('pki');
  const issue = useIssueCertificate();
  const attempts = useRef(new AttemptKeys());
  const [profile, setProfile] = useState<'person' | 'seal'>('person');
  const { draft, setDraft, field, error, check } = useFormDraft({ userId: '', agencyCode, csr: '' }, issue.error);
  const staff = useAdminUsers({ agencyCode: agencyCode || undefined, kind: 'staff', pageSize: 200 });

  function submit(e: FormEvent) {
    e.preventDefault();
    const { userId, csr } = draft;
    const body: IssueBody =
      profile === 'person' ? { profile, userId } : { profile, agencyCode: draft.agencyCode.trim() };
    if (csr.trim()) body.csr = csr.trim();
    const missing =
      profile === 'person' && !userId
        ? [{ path: 'userId', code: 'REQUIRED' }]
        : profile === 'seal' && !body.agencyCode
          ? [{ path: 'agencyCode', code: 'REQUIRED' }]
          : [];
    if (!check(missing)) return;
    // A double click or a retry sends the same key: the server answers with the first certificate.
    issue.mutate(
      { body, idempotencyKey: attempts.current.keyFor(body) },
      {
        onSuccess: () => {
          attempts.current.reset();
          setDraft((d) => ({ ...d, csr: '' }));
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby="issue-title">
      <h2 id="issue-title">{t('admin.issueTitle')}</h2>
      {issue.data && <SuccessNotice>{t('admin.issued', { name: commonName(issue.data) })}</SuccessNotice>}
      <ErrorSummary
        error={error}
        fieldIds={{ userId: 'issue-user', agencyCode: 'issue-agency', csr: 'issue-csr', profile: 'issue-profile' }}
      />
      <form className="form" onSubmit={submit} noValidate>
        <ChoiceGroup
          id="issue-profile"
          legend={t('admin.profile')}
          type="radio"
          value={profile}
          choices={(['person', 'seal'] as const).map((p) => ({ value: p, label: t(`profiles.${p}`) }))}
          onChange={(v) => setProfile(v[0] ?? 'person')}
        />
        {profile === 'person' ? (
          <SelectField id="issue-user" label={t('admin.user')} {...field('userId')}>
            <option value="">{t('admin.chooseUser')}</option>
            {(staff.data?.items ?? [])
              .filter((u) => u.status === 'active')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName} ({u.username}, {u.agencyCode})
                </option>
              ))}
          </SelectField>
        ) : (
          <TextField id="issue-agency" label={t('admin.sealAgency')} {...field('agencyCode')} autoComplete="off" />
        )}
        <TextAreaField
          id="issue-csr"
          label={t('admin.csr')}
          hint={t('admin.csrHint')}
          rows={4}
          {...field('csr')}
          spellCheck={false}
        />
        <button className="btn" type="submit" disabled={issue.isPending}>
          {t('admin.submit')}
        </button>
      </form>
    </section>
  );
}
