import { useTranslation } from 'react-i18next';
import type { WorkflowDefinition } from '../../../features/procedures/types';
import { WorkflowActions } from './workflow-actions';
import { WorkflowStates } from './workflow-states';

/**
 * The workflow as two tables: states (labels, national status code, clock, time limit) and actions
 * (labels, from → to, roles, what they require). Server errors are shown by path.
 */
export function WorkflowEditor({
  workflow,
  onChange,
  errors,
}: {
  workflow: WorkflowDefinition;
  onChange: (w: WorkflowDefinition) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  return (
    <div className="workflow-editor">
      <div className="field">
        <label className="label" htmlFor="pe-workflow-initial">
          {t('workflow.initial')}
        </label>
        {errors['workflow.initial'] && <span className="field-error">{errors['workflow.initial']}</span>}
        <select
          id="pe-workflow-initial"
          className="select input--short"
          value={workflow.initial}
          onChange={(e) => onChange({ ...workflow, initial: e.target.value })}
        >
          {workflow.states.map((s) => (
            <option key={s.key} value={s.key}>
              {s.key}
            </option>
          ))}
        </select>
      </div>
      <WorkflowStates workflow={workflow} onChange={onChange} errors={errors} />
      <WorkflowActions workflow={workflow} onChange={onChange} errors={errors} />
    </div>
  );
}
