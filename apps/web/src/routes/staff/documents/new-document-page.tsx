import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACCEPTED_FILE_TYPES, uploadFile } from '../../../features/api';
import { splitCodes } from '../../../features/documents/components';
import { useCreateDocument, useDocumentTypes } from '../../../features/documents/hooks';
import { SECRECIES, URGENCIES } from '../../../features/documents/types';
import {
  Breadcrumbs,
  ErrorSummary,
  oneOf,
  SelectField,
  SubmitRow,
  TextAreaField,
  TextField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

/** Skeletons of the common types (Phụ lục I and III), offered when the type is chosen; the drafter rewrites them. */
const SKELETONS: Record<string, { preamble?: string; body: string; addressees?: string }> = {
  QD: {
    preamble: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nTheo đề nghị của …',
    body: 'Điều 1. …\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\nĐiều 3. … chịu trách nhiệm thi hành Quyết định này.',
  },
  CV: { addressees: '…', body: 'Thực hiện …, [cơ quan] đề nghị …\n…' },
  TB: { body: 'Ngày …, [cơ quan] đã …\n[Cơ quan] thông báo: …' },
  TTR: { body: 'Căn cứ …\n[Cơ quan] kính trình … xem xét, quyết định: …\nKính trình … xem xét, quyết định./.' },
  BC: { body: 'I. Tình hình thực hiện\n…\nII. Kết quả đạt được\n…\nIII. Đề xuất, kiến nghị\n…' },
  KH: { body: 'I. Mục đích, yêu cầu\n…\nII. Nội dung\n…\nIII. Tổ chức thực hiện\n…' },
  GM: { body: '[Cơ quan] trân trọng kính mời …\nTới dự …\nThời gian: …\nĐịa điểm: …' },
};

const EMPTY = {
  type: '',
  subject: '',
  recipients: '',
  urgency: 'normal',
  secrecy: 'none',
  dueDate: '',
  draftingUnit: '',
};
const EMPTY_TEMPLATE = {
  preamble: '',
  body: '',
  addressees: '',
  copiesTo: '- Như trên;\n- Lưu: VT.',
  competence: '',
  position: '',
  name: '',
};

/** A new outgoing draft: type, subject, recipients, urgency, secrecy, due date and the file(s). */
export default function NewDocumentPage() {
  const { t, i18n } = useTranslation('documents');
  usePageTitle(t('form.title'));
  const types = useDocumentTypes();
  const create = useCreateDocument();
  const navigate = useNavigate();
  const { draft: f, set, field, error, fe: fields, check, setError } = useFormDraft(EMPTY, create.error);
  const [files, setFiles] = useState<File[]>([]);
  // Drafting from the template is the default: the platform lays the document out per Phụ lục I.
  const [source, setSource] = useState<'template' | 'upload'>('template');
  // The template's fields: the server names their errors `template.…`.
  const template = useFormDraft(EMPTY_TEMPLATE, error);
  const tpl = template.draft;
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double click or a retry after a lost answer makes one draft.
  const [key] = useState(() => crypto.randomUUID());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!f.type) problems.push({ path: 'type', code: 'REQUIRED' });
    if (f.subject.trim().length < 5) problems.push({ path: 'subject', code: 'REQUIRED' });
    if (source === 'upload' && !files.length) problems.push({ path: 'fileIds', code: 'REQUIRED' });
    if (source === 'template') {
      if (!lines(tpl.body).length) problems.push({ path: 'template.body', code: 'REQUIRED' });
      if (tpl.position.trim().length < 2) problems.push({ path: 'template.signerPosition', code: 'REQUIRED' });
      if (tpl.name.trim().length < 2) problems.push({ path: 'template.signerName', code: 'REQUIRED' });
    }
    if (!check(problems)) return;
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
        ...(source === 'template'
          ? {
              template: {
                body: lines(tpl.body),
                ...(lines(tpl.preamble).length ? { preamble: lines(tpl.preamble) } : {}),
                ...(lines(tpl.addressees).length ? { addressees: lines(tpl.addressees) } : {}),
                ...(lines(tpl.copiesTo).length ? { copiesTo: lines(tpl.copiesTo) } : {}),
                signerPosition: tpl.position.trim(),
                ...(tpl.competence.trim() ? { signerCompetence: tpl.competence.trim() } : {}),
                signerName: tpl.name.trim(),
              },
            }
          : {}),
      };
      const r = await create.mutateAsync({ body, idempotencyKey: key });
      void navigate(`/staff/documents/${r.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs trail={[{ to: '/staff/documents', label: t('list.title') }]} current={t('form.title')} />
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
            'template.body': 'doc-body',
            'template.signerPosition': 'doc-position',
            'template.signerName': 'doc-signer',
          }}
        />
        <SelectField
          id="doc-type"
          label={t('form.type')}
          value={f.type}
          error={fields.type}
          onChange={(e) => {
            set('type')(e);
            const sk = SKELETONS[e.target.value];
            // Offer the type's skeleton unless the drafter has written something of his own.
            const untouched = !tpl.body.trim() || Object.values(SKELETONS).some((x) => x.body === tpl.body);
            if (sk && untouched)
              template.setDraft({
                ...tpl,
                body: sk.body,
                preamble: sk.preamble ?? '',
                addressees: sk.addressees ?? '',
              });
          }}
        >
          <option value="">{t('form.choose')}</option>
          {types.data?.items.map((x) => (
            <option key={x.code} value={x.code}>
              {i18n.language === 'en' ? x.nameEn : x.name}
              {x.abbreviation ? ` (${x.abbreviation})` : ''}
            </option>
          ))}
        </SelectField>
        <TextField id="doc-subject" label={t('form.subject')} hint={t('form.subjectHint')} {...field('subject')} />
        <TextField
          id="doc-recipients"
          label={t('form.recipients')}
          hint={t('form.recipientsHint')}
          {...field('recipients')}
          error={fields.recipients ?? Object.entries(fields).find(([k]) => k.startsWith('recipients.'))?.[1]}
          autoComplete="off"
        />
        <SelectField
          id="doc-urgency"
          label={t('form.urgency')}
          {...field('urgency')}
          choices={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
        <SelectField
          id="doc-secrecy"
          label={t('form.secrecy')}
          hint={t('form.secrecyHint')}
          {...field('secrecy')}
          choices={SECRECIES.map((s) => ({ value: s, label: t(`secrecy.${s}`) }))}
        />
        <TextField id="doc-due" type="date" label={t('form.dueDate')} className="input--short" {...field('dueDate')} />
        <TextField id="doc-unit" label={t('form.draftingUnit')} className="input--short" {...field('draftingUnit')} />
        <fieldset className="fieldset">
          <legend>{t('form.source')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="doc-source"
              checked={source === 'template'}
              onChange={() => setSource('template')}
            />{' '}
            {t('form.fromTemplate')}
          </label>
          <label className="radio">
            <input type="radio" name="doc-source" checked={source === 'upload'} onChange={() => setSource('upload')} />{' '}
            {t('form.fromUpload')}
          </label>
        </fieldset>
        {source === 'template' && (
          <>
            <p className="muted">{t('form.templateHint')}</p>
            {f.type === 'CV' ? (
              <TextAreaField id="doc-addressees" label={t('form.addressees')} {...template.field('addressees')} />
            ) : (
              <TextAreaField id="doc-preamble" label={t('form.preamble')} {...template.field('preamble')} />
            )}
            <TextAreaField id="doc-body" label={t('form.body')} {...template.field('body', 'template.body')} rows={8} />
            <TextAreaField id="doc-copies" label={t('form.copiesTo')} {...template.field('copiesTo')} />
            <TextField id="doc-competence" label={t('form.signerCompetence')} {...template.field('competence')} />
            <TextField
              id="doc-position"
              label={t('form.signerPosition')}
              {...template.field('position', 'template.signerPosition')}
            />
            <TextField
              id="doc-signer"
              label={t('form.signerName')}
              {...template.field('name', 'template.signerName')}
            />
          </>
        )}
        <TextField
          id="doc-files"
          type="file"
          multiple
          accept={ACCEPTED_FILE_TYPES}
          label={source === 'template' ? t('form.attachments') : t('form.file')}
          hint={source === 'template' ? undefined : t('form.fileHint')}
          error={fields.fileIds ?? fields['fileIds.0']}
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <SubmitRow label={busy ? t('form.saving') : t('form.save')} busy={busy}>
          <Link to="/staff/documents">{t('form.cancel')}</Link>
        </SubmitRow>
      </form>
    </>
  );
}
