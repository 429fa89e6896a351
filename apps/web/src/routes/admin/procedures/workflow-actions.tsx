import { useTranslation } from 'react-i18next';
import type { WorkflowAction, WorkflowDefinition } from '../../../features/procedures/types';
import { Cell, EditTable, KeyLabelCells, RemoveCell, SelectCell, splitList, TextCell } from './workflow-cells';

const REQUIRES = ['note', 'assignee', 'resultFile'] as const;

/** The actions of a workflow: labels, from → to, the roles that may take them, what they require. */
export function WorkflowActions({
  workflow,
  onChange,
  errors,
}: {
  workflow: WorkflowDefinition;
  onChange: (w: WorkflowDefinition) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const setAction = (i: number, patch: Partial<WorkflowAction>) =>
    onChange({ ...workflow, actions: workflow.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const states = workflow.states.map((s) => ({ value: s.key, label: s.key }));
  const add = () =>
    onChange({
      ...workflow,
      actions: [
        ...workflow.actions,
        {
          key: `action_${workflow.actions.length + 1}`,
          label: { vi: 'Thao tác mới', en: 'New action' },
          from: [workflow.initial],
          to: workflow.initial,
          roles: ['reception'],
          requires: [],
        },
      ],
    });
  return (
    <>
      <EditTable
        title={t('workflow.actionsTitle')}
        error={errors['workflow.actions']}
        headers={['key', 'labelVi', 'labelEn', 'from', 'to', 'roles', 'requires'].map((h) => t(`workflow.${h}`))}
        actionsLabel={t('actions')}
      >
        {workflow.actions.map((a, i) => {
          const p = `workflow.actions.${i}`;
          const cell = (field: string, label: string) => ({
            path: `${p}.${field}`,
            label: `${t(label)} ${a.key}`,
            errors,
          });
          return (
            <tr key={i} className={errors[p] ? 'row--error' : undefined}>
              <KeyLabelCells prefix={p} row={i + 1} item={a} errors={errors} onChange={(x) => setAction(i, x)} />
              <TextCell
                {...cell('from', 'workflow.from')}
                className="input mono"
                value={a.from.join(', ')}
                onChange={(v) => setAction(i, { from: splitList(v) })}
              />
              <SelectCell
                {...cell('to', 'workflow.to')}
                value={a.to}
                options={states}
                onChange={(v) => setAction(i, { to: v })}
              />
              <TextCell
                {...cell('roles', 'workflow.roles')}
                className="input mono"
                value={a.roles.join(', ')}
                onChange={(v) => setAction(i, { roles: splitList(v) })}
              />
              <Cell {...cell('requires', 'workflow.requires')}>
                {(id) => (
                  <fieldset id={id} className="mini-choices">
                    <legend className="visually-hidden">
                      {t('workflow.requires')} {a.key}
                    </legend>
                    {REQUIRES.map((r) => (
                      <label key={r} className="choice small">
                        <input
                          type="checkbox"
                          checked={a.requires.includes(r)}
                          onChange={(e) =>
                            setAction(i, {
                              requires: e.target.checked ? [...a.requires, r] : a.requires.filter((x) => x !== r),
                            })
                          }
                        />
                        {t(`workflow.require.${r}`)}
                      </label>
                    ))}
                  </fieldset>
                )}
              </Cell>
              <RemoveCell
                name={a.key}
                label={t('workflow.remove')}
                error={errors[p]}
                onRemove={() => onChange({ ...workflow, actions: workflow.actions.filter((_, j) => j !== i) })}
              />
            </tr>
          );
        })}
      </EditTable>
      <p className="muted small">{t('workflow.rolesHint')}</p>
      <button type="button" className="btn btn--secondary btn--small" onClick={add}>
        {t('workflow.addAction')}
      </button>
    </>
  );
}
