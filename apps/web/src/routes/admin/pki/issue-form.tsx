import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminUsers } from '../../../features/admin/hooks';
import { AttemptKeys } from '../../../features/api/idempotency';
import { commonName, type IssueBody, useIssueCertificate } from '../../../features/pki';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
} from '../../../features/ui';

/** Issue a person certificate to a civil servant of the agency, or a seal certificate to the agency. */
export function IssueForm({ agencyCode }: { agencyCode: string }) {
  const { t } = useTranslation('pki');
  const issue = useIssueCertificate();
  const attempts = useRef(new AttemptKeys());
  const [profile, setProfile] = useState<'person' | 'seal'>('person');
  const [userId, setUserId] = useState('');
  const [sealAgency, setSealAgency] = useState(agencyCode);
  const [csr, setCsr] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const staff = useAdminUsers({ agencyCode: agencyCode || undefined, kind: 'staff', pageSize: 200 });
  const error = localError ?? issue.error;
  const fe = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: IssueBody = profile === 'person' ? { profile, userId } : { profile, agencyCode: sealAgency.trim() };
    if (csr.trim()) body.csr = csr.trim();
    const v = clientValidation(
      profile === 'person' && !userId
        ? [{ path: 'userId', code: 'REQUIRED' }]
        : profile === 'seal' && !body.agencyCode
          ? [{ path: 'agencyCode', code: 'REQUIRED' }]
          : [],
    );
    setLocalError(v);
    if (v) return;
    // A double click or a retry sends the same key: the server answers with the first certificate.
    issue.mutate(
      { body, idempotencyKey: attempts.current.keyFor(body) },
      {
        onSuccess: () => {
          attempts.current.reset();
          setCsr('');
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
          <SelectField
            id="issue-user"
            label={t('admin.user')}
            error={fe.userId}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          >
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
          <TextField
            id="issue-agency"
            label={t('admin.sealAgency')}
            error={fe.agencyCode}
            value={sealAgency}
            onChange={(e) => setSealAgency(e.target.value)}
            autoComplete="off"
          />
        )}
        <TextAreaField
          id="issue-csr"
          label={t('admin.csr')}
          hint={t('admin.csrHint')}
          error={fe.csr}
          rows={4}
          value={csr}
          onChange={(e) => setCsr(e.target.value)}
          spellCheck={false}
        />
        <button className="btn" type="submit" disabled={issue.isPending}>
          {t('admin.submit')}
        </button>
      </form>
    </section>
  );
}
