import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableView } from '../../../features/ui';

/** `a, b ,c` → `['a','b','c']` */
export const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Id of the input for a workflow path (`workflow.states.1.label.vi` → `pe-workflow-states-1-label-vi`). */
const pid = (path: string) => `pe-${path.split('.').join('-')}`;

/** aria attributes of an input whose server error is shown under it. */
const invalid = (bad: boolean, id: string) => ({
  'aria-invalid': bad || undefined,
  'aria-describedby': bad ? `${id}-error` : undefined,
});

export interface CellProps {
  /** The workflow path the server names in its errors (`workflow.states.0.key`). */
  path: string;
  label: string;
  errors: Record<string, string>;
}

/** A table cell with a hidden label, its input and the server's error for its path. */
export function Cell({
  path,
  label,
  errors,
  children,
}: CellProps & { children: (id: string, aria: ReturnType<typeof invalid>) => ReactNode }) {
  const id = pid(path);
  const error = errors[path];
  return (
    <td className={error ? 'cell--error' : undefined}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      {children(id, invalid(!!error, id))}
      {error && (
        <span className="field-error small" id={`${id}-error`}>
          {error}
        </span>
      )}
    </td>
  );
}

/** A text input cell. */
export function TextCell({
  value,
  onChange,
  className = 'input',
  lang,
  inputMode,
  ...cell
}: CellProps & {
  value: string | number;
  onChange: (v: string) => void;
  className?: string;
  lang?: string;
  inputMode?: 'numeric';
}) {
  return (
    <Cell {...cell}>
      {(id, aria) => (
        <input
          id={id}
          className={className}
          lang={lang}
          inputMode={inputMode}
          value={value}
          {...aria}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Cell>
  );
}

/** A select cell; the current value stays an option even when it is not among `options`. */
/**
 * The first three cells of a state's or an action's row: its key (labelled by its row number) and its
 * Vietnamese and English labels, at `<prefix>.key` and `<prefix>.label.vi|en`.
 */
export function KeyLabelCells({
  prefix,
  row,
  item,
  errors,
  onChange,
}: {
  prefix: string;
  row: number;
  item: { key: string; label: { vi: string; en: string } };
  errors: Record<string, string>;
  onChange: (patch: { key?: string; label?: { vi: string; en: string } }) => void;
}) {
  const { t } = useTranslation('admin');
  const cell = (field: string, label: string) => ({
    path: `${prefix}.${field}`,
    label: `${t(label)} ${item.key}`,
    errors,
  });
  return (
    <>
      <TextCell
        {...cell('key', 'workflow.key')}
        label={`${t('workflow.key')} ${row}`}
        className="input mono"
        value={item.key}
        onChange={(v) => onChange({ key: v.trim() })}
      />
      <TextCell
        {...cell('label.vi', 'workflow.labelVi')}
        value={item.label.vi}
        onChange={(v) => onChange({ label: { ...item.label, vi: v } })}
      />
      <TextCell
        {...cell('label.en', 'workflow.labelEn')}
        lang="en"
        value={item.label.en}
        onChange={(v) => onChange({ label: { ...item.label, en: v } })}
      />
    </>
  );
}

export function SelectCell({
  value,
  options,
  onChange,
  ...cell
}: CellProps & { value: string; options: readonly { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <Cell {...cell}>
      {(id, aria) => (
        <select id={id} className="select" value={value} {...aria} onChange={(e) => onChange(e.target.value)}>
          {!options.some((o) => o.value === value) && <option value={value}>{value}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Cell>
  );
}

/** The remove button at the end of a row. */
export function RemoveCell({
  name,
  label,
  onRemove,
  error,
}: {
  name: string;
  label: string;
  onRemove: () => void;
  error?: string;
}) {
  return (
    <td>
      {error && <span className="field-error small">{error}</span>}
      <button type="button" className="btn btn--secondary btn--small" onClick={onRemove}>
        {label}
        <span className="visually-hidden"> {name}</span>
      </button>
    </td>
  );
}

/** A titled table of editable rows (states, actions): the path's error above it, the last column for Remove. */
export function EditTable({
  title,
  error,
  headers,
  actionsLabel,
  children,
}: {
  title: string;
  error?: string;
  headers: string[];
  actionsLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      {error && <p className="field-error">{error}</p>}
      <TableView label={title} headers={headers} actionsLabel={actionsLabel} className="edit-table">
        {children}
      </TableView>
    </>
  );
}
