import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { uploadFile } from '../../../features/api';
import { useDocumentTypes, useReceivePaper } from '../../../features/documents/hooks';
import { URGENCIES } from '../../../features/documents/types';
import {
  Breadcrumbs,
  ErrorSummary,
  oneOf,
  SelectField,
  SubmitRow,
  TextField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

const EMPTY = {
  type: 'CV',
  subject: '',
  senderName: '',
  codeNumber: '',
  codeNotation: '',
  issuedDate: '',
  urgency: 'normal',
};

/** The clerk enters a paper document that arrived, with its scan; it then waits to be registered. */
export default function PaperPage() {
  const { t, i18n } = useTranslation('documents');
  usePageTitle(t('form.paperTitle'));
  const types = useDocumentTypes();
  const receive = useReceivePaper();
  const navigate = useNavigate();
  const { draft: f, field, error, fe, check, setError } = useFormDraft(EMPTY, receive.error);
  const [scan, setScan] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (f.subject.trim().length < 5) problems.push({ path: 'subject', code: 'REQUIRED' });
    if (f.senderName.trim().length < 2) problems.push({ path: 'senderName', code: 'REQUIRED' });
    if (!scan) problems.push({ path: 'fileIds', code: 'REQUIRED' });
    if (!check(problems)) return;
    setBusy(true);
    try {
      const file = await uploadFile(scan!);
      const opt = (k: 'codeNumber' | 'codeNotation' | 'issuedDate') => (f[k].trim() ? { [k]: f[k].trim() } : {});
      const r = await receive.mutateAsync({
        type: f.type,
        subject: f.subject.trim(),
        senderName: f.senderName.trim(),
        urgency: oneOf(URGENCIES, f.urgency),
        fileIds: [file.id],
        ...opt('codeNumber'),
        ...opt('codeNotation'),
        ...opt('issuedDate'),
      });
      void navigate(`/staff/documents/${r.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs trail={[{ to: '/staff/documents', label: t('list.title') }]} current={t('form.paperTitle')} />
      <h1>{t('form.paperTitle')}</h1>
      <form noValidate onSubmit={(e) => void submit(e)} className="form">
        <ErrorSummary
          error={error}
          fieldIds={{
            subject: 'paper-subject',
            senderName: 'paper-sender',
            fileIds: 'paper-scan',
            'fileIds.0': 'paper-scan',
          }}
        />
        <TextField id="paper-sender" label={t('form.senderName')} {...field('senderName')} />
        <SelectField
          id="paper-type"
          label={t('form.type')}
          {...field('type')}
          choices={types.data?.items.map((x) => ({ value: x.code, label: i18n.language === 'en' ? x.nameEn : x.name }))}
        />
        <TextField id="paper-number" label={t('form.codeNumber')} className="input--short" {...field('codeNumber')} />
        <TextField
          id="paper-notation"
          label={t('form.codeNotation')}
          className="input--short"
          {...field('codeNotation')}
        />
        <TextField
          id="paper-date"
          type="date"
          label={t('form.issuedDate')}
          className="input--short"
          {...field('issuedDate')}
        />
        <TextField id="paper-subject" label={t('form.subject')} {...field('subject')} />
        <SelectField
          id="paper-urgency"
          label={t('form.urgency')}
          {...field('urgency')}
          choices={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
        <TextField
          id="paper-scan"
          type="file"
          accept=".pdf"
          label={t('form.scan')}
          error={fe.fileIds ?? fe['fileIds.0']}
          onChange={(e) => setScan(e.target.files?.[0] ?? null)}
        />
        <SubmitRow label={busy ? t('form.saving') : t('form.savePaper')} busy={busy}>
          <Link to="/staff/documents">{t('form.cancel')}</Link>
        </SubmitRow>
      </form>
    </>
  );
}
