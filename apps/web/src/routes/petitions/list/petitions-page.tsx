import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAgencies } from '../../../features/directory/hooks';
import { useOpenPetition, usePetitions } from '../../../features/feedback/hooks';
import type { Petition } from '../../../features/feedback/types';
import { useMe } from '../../../features/identity';
import {
  type Column,
  ErrorSummary,
  FilterBar,
  formatDate,
  ListView,
  oneOf,
  SelectField,
  TextAreaField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const STATUSES = ['open', 'responding', 'answered', 'closed'] as const;

/** Petitions: the public list, and the form to open one for a verified citizen. */
export function PetitionsPage() {
  const { t, i18n } = useTranslation('feedback');
  usePageTitle(t('petitions.title'));
  const me = useMe();
  const navigate = useNavigate();
  const list = useListParams({ q: '', agency: '', status: '' });
  const { q, agency, status } = list.values;
  const items = usePetitions({
    q: q || undefined,
    agency: agency || undefined,
    status: oneOf(STATUSES, status),
    page: list.page,
    pageSize: 20,
  });
  const agencies = useAgencies({ pageSize: 200 });
  const open = useOpenPetition();
  const [key] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({ title: '', text: '', agencyCode: '' });
  const citizen = me.data && me.data.kind !== 'staff';
  const columns: Column<Petition>[] = [
    { header: t('fields.title'), cell: (p) => <Link to={`/kien-nghi/${p.id}`}>{p.title}</Link> },
    { header: t('fields.agency'), className: 'mono', cell: (p) => p.agencyCode },
    { header: t('petitions.supports'), numeric: true, cell: (p) => `${p.supportCount} / ${p.threshold}` },
    { header: t('fields.status'), cell: (p) => t(`petitions.status.${p.status}`) },
    { header: t('petitions.closesAt'), className: 'nowrap', cell: (p) => formatDate(p.closesAt, i18n.language) },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    open.mutate({ body: form, idempotencyKey: key }, { onSuccess: (r) => void navigate(`/kien-nghi/${r.id}`) });
  }
  return (
    <div className="page">
      <h1>{t('petitions.title')}</h1>
      <p className="lead">{t('petitions.intro')}</p>
      <FilterBar label={t('public.filter')} submitLabel={t('public.apply')} onSubmit={list.submit}>
        <TextField id="pet-q" label={t('fields.search')} {...list.field('q')} />
        <TextField id="pet-agency" label={t('fields.agency')} {...list.field('agency')} />
        <SelectField
          id="pet-status"
          label={t('fields.status')}
          {...list.field('status')}
          blank={t('fields.any')}
          choices={STATUSES.map((s) => ({ value: s, label: t(`petitions.status.${s}`) }))}
        />
      </FilterBar>
      <p>
        <a href="/api/public/petitions/export.csv">{t('public.exportCsv')}</a>
      </p>
      <ListView
        query={items}
        label={t('petitions.title')}
        empty={t('petitions.empty')}
        columns={columns}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ 'data-petition': p.id })}
        onPage={list.setPage}
      />
      {citizen && (
        <section className="section" aria-labelledby="pet-new">
          <h2 id="pet-new">{t('petitions.new')}</h2>
          <p className="hint">{t('petitions.newIntro')}</p>
          <form className="form" onSubmit={submit} noValidate>
            {open.isError && (
              <ErrorSummary
                error={open.error}
                fieldIds={{ title: 'pet-title', text: 'pet-text', agencyCode: 'pet-to' }}
              />
            )}
            <TextField
              id="pet-title"
              label={t('fields.title')}
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
            />
            <TextAreaField
              id="pet-text"
              label={t('fields.text')}
              rows={6}
              value={form.text}
              onChange={(e) => setForm({ ...form, text: e.target.value })}
            />
            <SelectField
              id="pet-to"
              label={t('fields.agency')}
              value={form.agencyCode}
              onChange={(e) => setForm({ ...form, agencyCode: e.target.value })}
              blank={t('new.pickAgency')}
              choices={agencies.data?.items.map((a) => ({ value: a.code, label: a.name }))}
            />
            <button className="btn" type="submit" disabled={open.isPending}>
              {t('petitions.create')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
