import { useTranslation } from 'react-i18next';
import type { WorkflowAction, WorkflowDefinition, WorkflowState } from '../../../features/procedures/types';

const CLOCKS = ['not_started', 'running', 'paused', 'stopped'] as const;
const REQUIRES = ['note', 'assignee', 'resultFile'] as const;

/** `a, b ,c` → `['a','b','c']` */
export const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Id of the input for a workflow path (`workflow.states.1.label.vi` → `pe-workflow-states-1-label-vi`). */
const pid = (path: string) => `pe-${path.split('.').join('-')}`;

function Cell({
  path,
  label,
  errors,
  children,
}: {
  path: string;
  label: string;
  errors: Record<string, string>;
  children: (id: string, invalid: boolean) => React.ReactNode;
}) {
  const id = pid(path);
  const error = errors[path];
  return (
    <td className={error ? 'cell--error' : undefined}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      {children(id, !!error)}
      {error && (
        <span className="field-error small" id={`${id}-error`}>
          {error}
        </span>
      )}
    </td>
  );
}

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
  const setState = (i: number, patch: Partial<WorkflowState>) =>
    onChange({ ...workflow, states: workflow.states.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setAction = (i: number, patch: Partial<WorkflowAction>) =>
    onChange({ ...workflow, actions: workflow.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const inv = (invalid: boolean, id: string) => ({
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-error` : undefined,
  });
  const stateKeys = workflow.states.map((s) => s.key);
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
          {stateKeys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <h3>{t('workflow.states')}</h3>
      {errors['workflow.states'] && <p className="field-error">{errors['workflow.states']}</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('workflow.states')}>
        <table className="edit-table">
          <thead>
            <tr>
              <th scope="col">{t('workflow.key')}</th>
              <th scope="col">{t('workflow.labelVi')}</th>
              <th scope="col">{t('workflow.labelEn')}</th>
              <th scope="col">{t('workflow.statusCode')}</th>
              <th scope="col">{t('workflow.clock')}</th>
              <th scope="col">{t('workflow.timeLimit')}</th>
              <th scope="col">{t('workflow.terminal')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {workflow.states.map((s, i) => {
              const p = `workflow.states.${i}`;
              return (
                <tr key={i}>
                  <Cell path={`${p}.key`} label={`${t('workflow.key')} ${i + 1}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input mono"
                        value={s.key}
                        {...inv(bad, id)}
                        onChange={(e) => setState(i, { key: e.target.value.trim() })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.label.vi`} label={`${t('workflow.labelVi')} ${s.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input"
                        value={s.label.vi}
                        {...inv(bad, id)}
                        onChange={(e) => setState(i, { label: { ...s.label, vi: e.target.value } })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.label.en`} label={`${t('workflow.labelEn')} ${s.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input"
                        lang="en"
                        value={s.label.en}
                        {...inv(bad, id)}
                        onChange={(e) => setState(i, { label: { ...s.label, en: e.target.value } })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.statusCode`} label={`${t('workflow.statusCode')} ${s.key}`} errors={errors}>
                    {(id, bad) => (
                      <select
                        id={id}
                        className="select"
                        value={s.statusCode}
                        {...inv(bad, id)}
                        onChange={(e) => setState(i, { statusCode: Number(e.target.value) })}
                      >
                        {Array.from({ length: 10 }, (_, n) => n + 1).map((n) => (
                          <option key={n} value={n}>
                            {n} – {t(`workflow.portalStatus.${n}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Cell>
                  <Cell path={`${p}.clock`} label={`${t('workflow.clock')} ${s.key}`} errors={errors}>
                    {(id, bad) => (
                      <select
                        id={id}
                        className="select"
                        value={s.clock}
                        {...inv(bad, id)}
                        onChange={(e) => setState(i, { clock: e.target.value as WorkflowState['clock'] })}
                      >
                        {CLOCKS.map((c) => (
                          <option key={c} value={c}>
                            {t(`workflow.clocks.${c}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Cell>
                  <Cell path={`${p}.timeLimitDays`} label={`${t('workflow.timeLimit')} ${s.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input input--tiny"
                        inputMode="numeric"
                        value={s.timeLimitDays ?? ''}
                        {...inv(bad, id)}
                        onChange={(e) =>
                          setState(i, {
                            timeLimitDays: e.target.value.trim() === '' ? undefined : Number(e.target.value),
                          })
                        }
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.terminal`} label={`${t('workflow.terminal')} ${s.key}`} errors={errors}>
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
                  <td>
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => onChange({ ...workflow, states: workflow.states.filter((_, j) => j !== i) })}
                    >
                      {t('workflow.remove')}
                      <span className="visually-hidden"> {s.key}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={() =>
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
          })
        }
      >
        {t('workflow.addState')}
      </button>

      <h3>{t('workflow.actionsTitle')}</h3>
      {errors['workflow.actions'] && <p className="field-error">{errors['workflow.actions']}</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('workflow.actionsTitle')}>
        <table className="edit-table">
          <thead>
            <tr>
              <th scope="col">{t('workflow.key')}</th>
              <th scope="col">{t('workflow.labelVi')}</th>
              <th scope="col">{t('workflow.labelEn')}</th>
              <th scope="col">{t('workflow.from')}</th>
              <th scope="col">{t('workflow.to')}</th>
              <th scope="col">{t('workflow.roles')}</th>
              <th scope="col">{t('workflow.requires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {workflow.actions.map((a, i) => {
              const p = `workflow.actions.${i}`;
              return (
                <tr key={i} className={errors[p] ? 'row--error' : undefined}>
                  <Cell path={`${p}.key`} label={`${t('workflow.key')} ${i + 1}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input mono"
                        value={a.key}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { key: e.target.value.trim() })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.label.vi`} label={`${t('workflow.labelVi')} ${a.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input"
                        value={a.label.vi}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { label: { ...a.label, vi: e.target.value } })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.label.en`} label={`${t('workflow.labelEn')} ${a.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input"
                        lang="en"
                        value={a.label.en}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { label: { ...a.label, en: e.target.value } })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.from`} label={`${t('workflow.from')} ${a.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input mono"
                        value={a.from.join(', ')}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { from: splitList(e.target.value) })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.to`} label={`${t('workflow.to')} ${a.key}`} errors={errors}>
                    {(id, bad) => (
                      <select
                        id={id}
                        className="select"
                        value={a.to}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { to: e.target.value })}
                      >
                        {!stateKeys.includes(a.to) && <option value={a.to}>{a.to}</option>}
                        {stateKeys.map((k) => (
                          <option key={k} value={k}>
                            {k}
                          </option>
                        ))}
                      </select>
                    )}
                  </Cell>
                  <Cell path={`${p}.roles`} label={`${t('workflow.roles')} ${a.key}`} errors={errors}>
                    {(id, bad) => (
                      <input
                        id={id}
                        className="input mono"
                        value={a.roles.join(', ')}
                        {...inv(bad, id)}
                        onChange={(e) => setAction(i, { roles: splitList(e.target.value) })}
                      />
                    )}
                  </Cell>
                  <Cell path={`${p}.requires`} label={`${t('workflow.requires')} ${a.key}`} errors={errors}>
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
                  <td>
                    {errors[p] && <span className="field-error small">{errors[p]}</span>}
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => onChange({ ...workflow, actions: workflow.actions.filter((_, j) => j !== i) })}
                    >
                      {t('workflow.remove')}
                      <span className="visually-hidden"> {a.key}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('workflow.rolesHint')}</p>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={() =>
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
          })
        }
      >
        {t('workflow.addAction')}
      </button>
    </div>
  );
}
