import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyTasks, useReportTask } from '../../../features/meetings/hooks';
import type { AgencyTask } from '../../../features/meetings/types';
import {
  clientValidation,
  ErrorSummary,
  formatDate,
  Pagination,
  QueryError,
  SuccessNotice,
  TextAreaField,
  useFieldErrors,
} from '../../../features/ui';

/** Tasks per page: each is a card with its report form. */
export const TASKS_PAGE_SIZE = 10;

/** Tasks (nhiệm vụ giao) assigned to my agency in meeting conclusions; an open one is reported done here. */
export function AgencyTasksSection() {
  const { t } = useTranslation('meetings');
  const [page, setPage] = useState(1);
  const tasks = useMyTasks(page, TASKS_PAGE_SIZE);
  // Shown first on the page, and only to an agency that has tasks.
  if (tasks.isPending || (tasks.isSuccess && tasks.data.items.length === 0)) return null;
  return (
    <section className="section" aria-labelledby="agency-tasks-title">
      <h2 id="agency-tasks-title">{t('task.mine')}</h2>
      {tasks.isError ? (
        <QueryError error={tasks.error} />
      ) : (
        <>
          {tasks.data.items.map((k) => (
            <TaskCard key={k.id} task={k} />
          ))}
          <Pagination page={page} pageSize={TASKS_PAGE_SIZE} total={tasks.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function TaskCard({ task }: { task: AgencyTask }) {
  const { t, i18n } = useTranslation('meetings');
  const report = useReportTask();
  const [text, setText] = useState('');
  const [clientError, setClientError] = useState<unknown>(null);
  const error = clientError ?? report.error;
  const fields = useFieldErrors(error);
  const id = `task-${task.id}`;
  return (
    <article className="card" data-task={task.id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {task.title}{' '}
        <span className={task.status === 'done' ? 'tag tag--green' : 'tag'}>{t(`task.status.${task.status}`)}</span>
      </h3>
      <p className="small">
        {task.ownerAgencyName} · {t('task.dueOn', { date: formatDate(task.dueDate, i18n.language) })}
      </p>
      <p className="small muted">
        {/* Not a link: the owner agency's people do not take part in the meeting (it is not theirs to open). */}
        {t('task.fromMeeting', { title: task.meetingTitle })}
      </p>
      {task.report && (
        <p>
          <strong>{t('task.report')}:</strong> {task.report}
        </p>
      )}
      {task.status === 'open' && (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const missing = clientValidation(text.trim() ? [] : [{ path: 'report', code: 'REQUIRED' }]);
            setClientError(missing);
            if (!missing) report.mutate({ meetingId: task.meetingId, taskId: task.id, report: text.trim() });
          }}
        >
          <ErrorSummary error={error} fieldIds={{ report: `${id}-report` }} />
          <TextAreaField
            id={`${id}-report`}
            label={t('task.report')}
            value={text}
            error={fields.report}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn" disabled={report.isPending}>
            {t('task.reportDone')}
          </button>
        </form>
      )}
      {report.isSuccess && <SuccessNotice>{t('task.reported')}</SuccessNotice>}
    </article>
  );
}
