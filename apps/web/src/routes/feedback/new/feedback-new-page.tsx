import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAgencies } from '../../../features/directory/hooks';
import { useContactCode, useContentTypes, useSubmitFeedback } from '../../../features/feedback/hooks';
import { CONTENT_TYPES } from '../../../features/feedback/types';
import { type FeedbackFile, FeedbackAttachmentsInput } from '../../../features/feedback/attachments-input';
import { useMe } from '../../../features/identity';
import { useProcedures } from '../../../features/procedures/hooks';
import { ErrorSummary, SelectField, SuccessNotice, TextAreaField, TextField, usePageTitle } from '../../../features/ui';

/**
 * "Gửi phản ánh, kiến nghị": logged in, or anonymous with an e-mail or a phone confirmed by a one-time
 * code (by SMS for a phone); PDF, JPEG or PNG attachments.
 */
export function FeedbackNewPage() {
  const { t } = useTranslation('feedback');
  usePageTitle(t('new.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const anonymous = !me.data;
  const types = useContentTypes();
  const procedures = useProcedures({ pageSize: 200 });
  const agencies = useAgencies({ pageSize: 200 });
  const [kind, setKind] = useState<'procedure' | 'agency'>(params.get('agency') ? 'agency' : 'procedure');
  const [form, setForm] = useState({
    contentType: 'official_conduct',
    procedureCode: params.get('procedure') ?? '',
    agencyCode: params.get('agency') ?? '',
    title: '',
    text: '',
    allowPublish: true,
    email: '',
    phone: '',
    name: '',
    code: '',
  });
  const [channel, setChannel] = useState<'email' | 'phone'>('email');
  const [files, setFiles] = useState<FeedbackFile[]>([]);
  const [verification, setVerification] = useState<{ id: string; uploadToken: string; sentTo: string } | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const verificationId = verification?.id ?? null;
  const sendCode = useContactCode();
  const submit = useSubmitFeedback();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  function onSend(e: FormEvent) {
    e.preventDefault();
    sendCode.mutate(channel === 'email' ? { email: form.email } : { phone: form.phone }, {
      onSuccess: (r) => {
        // A new verification: files uploaded with the previous one cannot go with this filing.
        if (verification && verification.id !== r.verificationId) setFiles([]);
        setVerification({ id: r.verificationId, uploadToken: r.uploadToken, sentTo: r.sentTo });
      },
    });
  }
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit.mutate(
      {
        idempotencyKey: key,
        body: {
          contentType: form.contentType as (typeof CONTENT_TYPES)[number],
          ...(kind === 'procedure'
            ? { procedureCode: form.procedureCode || undefined }
            : { agencyCode: form.agencyCode || undefined }),
          title: form.title,
          text: form.text,
          allowPublish: form.allowPublish,
          attachments: files.map((f) => f.id),
          ...(anonymous
            ? {
                contact: {
                  ...(channel === 'email' ? { email: form.email } : { phone: form.phone }),
                  name: form.name || undefined,
                },
                verification: verificationId ? { id: verificationId, code: form.code } : undefined,
              }
            : {}),
        },
      },
      {
        onSuccess: (r) =>
          void navigate(
            `/phan-anh/theo-doi/${r.code}${r.followToken ? `?token=${encodeURIComponent(r.followToken)}` : ''}`,
            {
              state: { created: true },
            },
          ),
      },
    );
  }

  const fieldIds = {
    contentType: 'fb-type',
    procedureCode: 'fb-procedure',
    agencyCode: 'fb-agency',
    title: 'fb-title',
    text: 'fb-text',
    'contact.email': channel === 'email' ? 'fb-email' : 'fb-phone',
    'contact.phone': 'fb-phone',
    attachments: 'fb-files',
    'verification.code': 'fb-code',
    verification: 'fb-code',
  };
  return (
    <div className="page page--narrow">
      <h1>{t('new.title')}</h1>
      <p className="lead">{t('new.intro', { days: types.data?.limits.answerDays ?? 15 })}</p>
      {anonymous && (
        <form className="form" onSubmit={onSend} noValidate aria-label={t('new.contactForm')}>
          <p>{t('new.anonymous')}</p>
          <fieldset className="field">
            <legend className="label">{t('new.channel')}</legend>
            {(['email', 'phone'] as const).map((c) => (
              <label className="checkbox" key={c}>
                <input
                  type="radio"
                  name="fb-channel"
                  value={c}
                  checked={channel === c}
                  onChange={() => setChannel(c)}
                />{' '}
                {t(`new.channel_${c}`)}
              </label>
            ))}
          </fieldset>
          {channel === 'email' ? (
            <TextField
              id="fb-email"
              type="email"
              label={t('fields.email')}
              value={form.email}
              onChange={set('email')}
              autoComplete="email"
            />
          ) : (
            <TextField
              id="fb-phone"
              type="tel"
              label={t('fields.phone')}
              hint={t('new.phoneHint')}
              value={form.phone}
              onChange={set('phone')}
              autoComplete="tel"
              inputMode="tel"
            />
          )}
          <TextField
            id="fb-name"
            label={t('fields.name')}
            value={form.name}
            onChange={set('name')}
            autoComplete="name"
          />
          <button className="btn btn--secondary" type="submit" disabled={sendCode.isPending}>
            {t('new.sendCode')}
          </button>
          {sendCode.isError && (
            <ErrorSummary error={sendCode.error} fieldIds={{ email: 'fb-email', phone: 'fb-phone' }} />
          )}
          {verification && <SuccessNotice>{t('new.codeSent', { email: verification.sentTo })}</SuccessNotice>}
        </form>
      )}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t('new.title')}>
        {submit.isError && <ErrorSummary error={submit.error} fieldIds={fieldIds} />}
        {anonymous && (
          <TextField
            id="fb-code"
            label={t('fields.code6')}
            inputMode="numeric"
            maxLength={6}
            value={form.code}
            onChange={set('code')}
            autoComplete="one-time-code"
          />
        )}
        <SelectField
          id="fb-type"
          label={t('fields.type')}
          value={form.contentType}
          onChange={set('contentType')}
          choices={CONTENT_TYPES.map((c) => ({ value: c, label: t(`types.${c}`) }))}
        />
        <SelectField
          id="fb-subject"
          label={t('fields.subject')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'procedure' | 'agency')}
        >
          <option value="procedure">{t('subject.procedure')}</option>
          <option value="agency">{t('subject.agency')}</option>
        </SelectField>
        {kind === 'procedure' ? (
          <SelectField
            id="fb-procedure"
            label={t('fields.procedure')}
            value={form.procedureCode}
            onChange={set('procedureCode')}
            blank={t('new.pickProcedure')}
            choices={procedures.data?.items.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
          />
        ) : (
          <SelectField
            id="fb-agency"
            label={t('fields.agency')}
            value={form.agencyCode}
            onChange={set('agencyCode')}
            blank={t('new.pickAgency')}
            choices={agencies.data?.items.map((a) => ({ value: a.code, label: a.name }))}
          />
        )}
        <TextField id="fb-title" label={t('fields.title')} value={form.title} onChange={set('title')} maxLength={200} />
        <TextAreaField id="fb-text" label={t('fields.text')} rows={8} value={form.text} onChange={set('text')} />
        <FeedbackAttachmentsInput
          files={files}
          onChange={setFiles}
          verification={anonymous && verification ? verification : undefined}
          disabledHint={anonymous && !verification ? t('attachments.needCode') : null}
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              id="fb-publish"
              checked={form.allowPublish}
              onChange={(e) => setForm((f) => ({ ...f, allowPublish: e.target.checked }))}
            />{' '}
            {t('fields.allowPublish')}
          </label>
        </div>
        <button className="btn" type="submit" disabled={submit.isPending}>
          {t('new.submit')}
        </button>
      </form>
    </div>
  );
}
