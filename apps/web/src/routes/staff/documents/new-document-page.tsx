import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACCEPTED_FILE_TYPES, uploadFile } from '../../../features/api';
import { splitCodes } from '../../../features/documents/components';
import { useCreateDocument, useDocumentTypes } from '../../../features/documents/hooks';
import { SECRECIES, URGENCIES } from '../../../features/documents/types';
import {
  clientValidation,
  ErrorSummary,
  oneOf,
  SelectField,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

/** A new outgoing draft: type, subject, recipients, urgency, secrecy, due date and the file(s). */
export default function NewDocumentPage() {
  const { t, i18n } = useTranslation('documents');
  usePageTitle(t('form.title'));
  const types = useDocumentTypes();
  const create = useCreateDocument();
  const navigate = useNavigate();
  const [f, setF] = useState({
    type: '',
    subject: '',
    recipients: '',
    urgency: 'normal',
    secrecy: 'none',
    dueDate: '',
    draftingUnit: '',
  });
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<unknown>(null);
  // One key per attempt: a double click or a retry after a lost answer makes one draft.
  const [key] = useState(() => crypto.randomUUID());
  const error = localError ?? create.error;
  const fields = useFieldErrors(error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!f.type) problems.push({ path: 'type', code: 'REQUIRED' });
    if (f.subject.trim().length < 5) problems.push({ path: 'subject', code: 'REQUIRED' });
    if (!files.length) problems.push({ path: 'fileIds', code: 'REQUIRED' });
    if (problems.length) return setLocalError(clientValidation(problems));
    setLocalError(null);
    setBusy(true);
    try {
      const fileIds = (await Promise.all(files.map((x) => uploadFile(x)))).map((u) => u.id);
      const body = {
        type: f.type,
        subject: f.subject.trim(),
        recipients: splitCodes(f.recipients),
        fileIds,
        urgency: oneOf(URGENCIES, f.urgency),
        secrecy: oneOf(SECRECIES, f.secrecy),
        ...(f.dueDate ? { dueDate: f.dueDate } : {}),
        ...(f.draftingUnit.trim() ? { draftingUnit: f.draftingUnit.trim() } : {}),
      };
      const r = await create.mutateAsync({ body, idempotencyKey: key });
      void navigate(`/staff/documents/${r.id}`);
    } catch (err) {
      setLocalError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label={t('services:breadcrumbs')}>
        <ol>
          <li>
            <Link to="/staff/documents">{t('list.title')}</Link>
          </li>
          <li aria-current="page">{t('form.title')}</li>
        </ol>
      </nav>
      <h1>{t('form.title')}</h1>
      <form noValidate onSubmit={(e) => void submit(e)} className="form">
        <ErrorSummary
          error={error}
          fieldIds={{
            type: 'doc-type',
            subject: 'doc-subject',
            recipients: 'doc-recipients',
            fileIds: 'doc-files',
            dueDate: 'doc-due',
          }}
        />
        <SelectField id="doc-type" label={t('form.type')} value={f.type} error={fields.type} onChange={set('type')}>
          <option value="">{t('form.choose')}</option>
          {types.data?.items.map((x) => (
            <option key={x.code} value={x.code}>
              {i18n.language === 'en' ? x.nameEn : x.name}
              {x.abbreviation ? ` (${x.abbreviation})` : ''}
            </option>
          ))}
        </SelectField>
        <TextField
          id="doc-subject"
          label={t('form.subject')}
          hint={t('form.subjectHint')}
          value={f.subject}
          error={fields.subject}
          onChange={set('subject')}
        />
        <TextField
          id="doc-recipients"
          label={t('form.recipients')}
          hint={t('form.recipientsHint')}
          value={f.recipients}
          error={fields.recipients ?? Object.entries(fields).find(([k]) => k.startsWith('recipients.'))?.[1]}
          onChange={set('recipients')}
          autoComplete="off"
        />
        <SelectField id="doc-urgency" label={t('form.urgency')} value={f.urgency} onChange={set('urgency')}>
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`urgency.${u}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="doc-secrecy"
          label={t('form.secrecy')}
          hint={t('form.secrecyHint')}
          value={f.secrecy}
          onChange={set('secrecy')}
        >
          {SECRECIES.map((s) => (
            <option key={s} value={s}>
              {t(`secrecy.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="doc-due"
          type="date"
          label={t('form.dueDate')}
          className="input--short"
          value={f.dueDate}
          error={fields.dueDate}
          onChange={set('dueDate')}
        />
        <TextField
          id="doc-unit"
          label={t('form.draftingUnit')}
          className="input--short"
          value={f.draftingUnit}
          onChange={set('draftingUnit')}
        />
        <TextField
          id="doc-files"
          type="file"
          multiple
          accept={ACCEPTED_FILE_TYPES}
          label={t('form.file')}
          hint={t('form.fileHint')}
          error={fields.fileIds ?? fields['fileIds.0']}
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <div className="btn-row">
          <button className="btn" type="submit" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
          <Link to="/staff/documents">{t('form.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
