import { useTranslation } from 'react-i18next';
import type { WorkflowDefinition, WorkflowState } from '../../../features/procedures/types';
import { Cell, EditTable, KeyLabelCells, RemoveCell, SelectCell, TextCell } from './workflow-cells';

const CLOCKS = ['not_started', 'running', 'paused', 'stopped'] as const;
const STATUS_CODES = Array.from({ length: 10 }, (_, n) => n + 1);

/** The states of a workflow: labels, national status code (1–10), deadline clock, time limit, terminal. */
export function WorkflowStates({
  workflow,
  onChange,
  errors,
}: {
  workflow: WorkflowDefinition;
  onChange: (w: WorkflowDefinition) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const setState = (i: number, patch: Partial<WorkflowState>) =>
    onChange({ ...workflow, states: workflow.states.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const add = () =>
    onChange({
      ...workflow,
      states: [
        ...workflow.states,
        {
          key: `state_${workflow.states.length + 1}`,
          label: { vi: 'Trạng thái mới', en: 'New state' },
          statusCode: 4,
          clock: 'running',
          terminal: false,
        },
      ],
    });
  return (
    <>
      <EditTable
        title={t('workflow.states')}
        error={errors['workflow.states']}
        headers={['key', 'labelVi', 'labelEn', 'statusCode', 'clock', 'timeLimit', 'terminal'].map((h) =>
          t(`workflow.${h}`),
        )}
        actionsLabel={t('actions')}
      >
        {workflow.states.map((s, i) => {
          const p = `workflow.states.${i}`;
          const cell = (field: string, label: string) => ({
            path: `${p}.${field}`,
            label: `${t(label)} ${s.key}`,
            errors,
          });
          return (
            <tr key={i}>
              <KeyLabelCells prefix={p} row={i + 1} item={s} errors={errors} onChange={(x) => setState(i, x)} />
              <SelectCell
                {...cell('statusCode', 'workflow.statusCode')}
                value={String(s.statusCode)}
                options={STATUS_CODES.map((n) => ({
                  value: String(n),
                  label: `${n} – ${t(`workflow.portalStatus.${n}`)}`,
                }))}
                onChange={(v) => setState(i, { statusCode: Number(v) })}
              />
              <SelectCell
                {...cell('clock', 'workflow.clock')}
                value={s.clock}
                options={CLOCKS.map((c) => ({ value: c, label: t(`workflow.clocks.${c}`) }))}
                onChange={(v) => setState(i, { clock: v as WorkflowState['clock'] })}
              />
              <TextCell
                {...cell('timeLimitDays', 'workflow.timeLimit')}
                className="input input--tiny"
                inputMode="numeric"
                value={s.timeLimitDays ?? ''}
                onChange={(v) => setState(i, { timeLimitDays: v.trim() === '' ? undefined : Number(v) })}
              />
              <Cell {...cell('terminal', 'workflow.terminal')}>
                {(id) => (
                  <input
                    id={id}
                    type="checkbox"
                    className="checkbox"
                    checked={s.terminal}
                    onChange={(e) => setState(i, { terminal: e.target.checked })}
                  />
                )}
              </Cell>
              <RemoveCell
                name={s.key}
                label={t('workflow.remove')}
                onRemove={() => onChange({ ...workflow, states: workflow.states.filter((_, j) => j !== i) })}
              />
            </tr>
          );
        })}
      </EditTable>
      <button type="button" className="btn btn--secondary btn--small" onClick={add}>
        {t('workflow.addState')}
      </button>
    </>
  );
}
