import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencyTask } from '../../../features/meetings/hooks';
import { Loading, QueryError, usePageTitle } from '../../../features/ui';
import { TaskCard } from './tasks-section';

/** One task of my agency, as the task e-mail's link opens it: read it and report it done here. */
export default function TaskPage() {
  const { taskId = '' } = useParams();
  const { t } = useTranslation('meetings');
  usePageTitle(t('task.mine'));
  const task = useAgencyTask(taskId);
  return (
    <article className="meeting-task">
      <p className="breadcrumbs">
        <Link to="/staff/meetings">{t('list.title')}</Link>
      </p>
      <h1>{t('task.mine')}</h1>
      {task.isPending ? <Loading /> : task.isError ? <QueryError error={task.error} /> : <TaskCard task={task.data} />}
    </article>
  );
}
