import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar, useDeclareDay, useRemoveDay } from '../../../features/calendar/hooks';
import { isWeekend, monthGrid } from '../../../features/calendar/month-grid';
import { hasRole, useMe } from '../../../features/identity';
import {
  clientValidation,
  ErrorSummary,
  Loading,
  QueryError,
  SelectField,
  SubmitRow,
  SuccessNotice,
  TableView,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Working calendar: public holidays (computed, lunar ones included) and days the admin declares. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('calendar.title'));
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const cal = useCalendar(year);
  const declare = useDeclareDay();
  const remove = useRemoveDay();
  const [form, setForm] = useState({ date: '', kind: 'day_off' as 'day_off' | 'working_day', note: '' });
  const [local, setLocal] = useState<unknown>(null);
  const error = local ?? declare.error ?? remove.error;
  const fields = useFieldErrors(error);
  const en = i18n.language === 'en';

  const holidays = new Map((cal.data?.holidays ?? []).map((h) => [h.date, en ? h.name.en : h.name.vi]));
  const declared = new Map((cal.data?.declared ?? []).map((d) => [d.date, d]));

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!form.date) problems.push({ path: 'date', code: 'REQUIRED' });
    if (form.note.trim().length < 3) problems.push({ path: 'note', code: form.note.trim() ? 'TOO_SMALL' : 'REQUIRED' });
    const err = clientValidation(problems);
    setLocal(err);
    if (err) return;
    declare.mutate(
      { date: form.date, kind: form.kind, note: form.note.trim() },
      { onSuccess: () => setForm({ date: '', kind: form.kind, note: '' }) },
    );
  }

  const monthName = (m: number) =>
    new Date(Date.UTC(year, m - 1, 1)).toLocaleString(en ? 'en-GB' : 'vi-VN', { month: 'long', timeZone: 'UTC' });
  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p className="lead">{t('calendar.intro')}</p>
      <div className="toolbar">
        <div className="btn-row btn-row--tight">
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setYear(year - 1)}>
            ‹ {year - 1}
          </button>
          <p className="stat" aria-live="polite">
            {year}
          </p>
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setYear(year + 1)}>
            {year + 1} ›
          </button>
        </div>
        <ul className="legend meta">
          <li>
            <span className="day day--holiday legend__swatch" aria-hidden="true" /> {t('calendar.holiday')}
          </li>
          <li>
            <span className="day day--off legend__swatch" aria-hidden="true" /> {t('calendar.dayOff')}
          </li>
          <li>
            <span className="day day--work legend__swatch" aria-hidden="true" /> {t('calendar.workingDay')}
          </li>
          <li>
            <span className="day day--weekend legend__swatch" aria-hidden="true" /> {t('calendar.weekend')}
          </li>
        </ul>
      </div>
      <ErrorSummary error={error} fieldIds={{ date: 'cal-date', note: 'cal-note', kind: 'cal-kind' }} />
      {declare.isSuccess && (
        <SuccessNotice>
          <p>{t('calendar.saved')}</p>
        </SuccessNotice>
      )}
      {isAdmin && (
        <form className="filters" noValidate onSubmit={submit} aria-label={t('calendar.declare')}>
          <TextField
            id="cal-date"
            type="date"
            label={t('calendar.date')}
            value={form.date}
            error={fields.date}
            onChange={(e) => setForm({ ...form, date: e.target.value })}
          />
          <SelectField
            id="cal-kind"
            label={t('calendar.kind')}
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as 'day_off' | 'working_day' })}
          >
            <option value="day_off">{t('calendar.dayOff')}</option>
            <option value="working_day">{t('calendar.workingDay')}</option>
          </SelectField>
          <TextField
            id="cal-note"
            label={t('calendar.note')}
            value={form.note}
            error={fields.note}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
          />
          <SubmitRow label={t('calendar.declare')} busy={declare.isPending} />
        </form>
      )}
      {cal.isPending ? (
        <Loading />
      ) : cal.isError ? (
        <QueryError error={cal.error} />
      ) : (
        <>
          <div className="year-grid">
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <table key={m} className="month">
                <caption>{monthName(m)}</caption>
                <thead>
                  <tr>
                    {WEEKDAYS.map((w) => (
                      <th key={w} scope="col" abbr={t(`calendar.weekdays.${w}`)}>
                        {t(`calendar.weekdaysShort.${w}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {monthGrid(year, m).map((week, wi) => (
                    <tr key={wi}>
                      {week.map((d, di) => {
                        if (!d) return <td key={di} />;
                        const dec = declared.get(d);
                        const hol = holidays.get(d);
                        const cls = dec
                          ? dec.kind === 'day_off'
                            ? 'day--off'
                            : 'day--work'
                          : hol
                            ? 'day--holiday'
                            : isWeekend(d)
                              ? 'day--weekend'
                              : '';
                        const title = dec
                          ? `${dec.kind === 'day_off' ? t('calendar.dayOff') : t('calendar.workingDay')}: ${dec.note}`
                          : hol;
                        return (
                          <td key={di} className={`day ${cls}`} title={title}>
                            {Number(d.slice(8))}
                            {title && <span className="visually-hidden"> ({title})</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
          <h2>{t('calendar.list')}</h2>
          <TableView
            label={t('calendar.list')}
            headers={[t('calendar.date'), t('calendar.kind'), t('calendar.note')]}
            actionsLabel={t('actions')}
          >
            {[
              ...cal.data.holidays.map((h) => ({
                date: h.date,
                kind: 'holiday',
                note: en ? h.name.en : h.name.vi,
                declared: false,
              })),
              ...cal.data.declared.map((d) => ({ ...d, declared: true })),
            ]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((r) => (
                <tr key={r.date + r.kind} data-date={r.date}>
                  <td className="mono">{r.date}</td>
                  <td>
                    {r.kind === 'holiday'
                      ? t('calendar.holiday')
                      : r.kind === 'day_off'
                        ? t('calendar.dayOff')
                        : t('calendar.workingDay')}
                  </td>
                  <td>{r.note}</td>
                  <td>
                    {r.declared && isAdmin && (
                      <button
                        type="button"
                        className="btn btn--secondary btn--small"
                        disabled={remove.isPending}
                        onClick={() =>
                          window.confirm(t('calendar.confirmRemove', { date: r.date })) && remove.mutate(r.date)
                        }
                      >
                        {t('calendar.remove')}
                        <span className="visually-hidden"> {r.date}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </TableView>
        </>
      )}
    </>
  );
}
